package io.zkml.workbench.importer.onnx;

/**
 * The bounds an ONNX file is read within. An ONNX file may come from anyone; these keep reading it
 * to bounded time and memory. They are far above what a model that fits an Aleo program needs (the
 * largest bundled sample has 12,730 weights, about 50 KB as floats).
 */
public final class OnnxLimits {

    /** Largest file read, checked before any byte is parsed (protobuf objects cost a multiple of it). */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** Deepest message nesting protobuf parsing accepts (a plain model nests about 8 deep). */
    public static final int MAX_NESTING = 24;
    /** Most protobuf messages in the file (each costs a Java object; a plain model has a few thousand). */
    public static final long MAX_MESSAGES = 200_000;
    /** Most nodes in the graph. */
    public static final int MAX_NODES = 2_048;
    /** Most values in one initializer or constant. */
    public static final long MAX_TENSOR_ELEMENTS = 4L * 1024 * 1024;
    /** Most values in one node's output per sample. */
    public static final long MAX_ACTIVATION_VALUES = 1L << 20;
    /** Most multiply-adds the whole model costs per sample (evaluating it stays well under a second). */
    public static final long MAX_MULTIPLY_ADDS = 1L << 26;
    /** Most dimensions of one tensor. */
    public static final int MAX_RANK = 8;
    /** The ai.onnx opset versions whose semantics the importer implements (Clip's inputs from 11 on). */
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 21;
    /** The ONNX IR versions read (3: ONNX 1.0's opset imports; 10: ONNX 1.16). */
    public static final int MIN_IR_VERSION = 3;
    public static final int MAX_IR_VERSION = 10;

    private OnnxLimits() {
    }
}
