package io.zkml.workbench.quant;

/**
 * Which float model the quantized program was measured against, so a reader of the figures knows
 * whether "float accuracy" is DL4J's (or ONNX Runtime's) own or the workbench's re-implementation of it.
 *
 * @param note why this reference was chosen (e.g. why DL4J could not be used); empty when DL4J was
 */
public record ReferenceSource(Kind kind, String note) {

    public enum Kind {
        /** Deeplearning4j's own forward pass ({@code feedForward(x, false)}) of the restored network. */
        DL4J,
        /** ONNX Runtime's run of the ONNX model file, every node's value exposed as an output. */
        ONNX_RUNTIME,
        /** The workbench's {@code FloatInterpreter} on the same (folded) graph. */
        FLOAT_INTERPRETER
    }

    public static ReferenceSource interpreter(String note) {
        return new ReferenceSource(Kind.FLOAT_INTERPRETER, note);
    }

    public static ReferenceSource onnxRuntime() {
        return new ReferenceSource(Kind.ONNX_RUNTIME, "");
    }

    public static ReferenceSource dl4j() {
        return new ReferenceSource(Kind.DL4J, "");
    }
}
