package io.zkml.workbench.importer.onnx;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ONNX ops the importer reads (ai.onnx domain), each with what it becomes in the graph model.
 * The refusal of any other op and the README's ONNX table are written from this list.
 */
public enum OnnxOp {
    GEMM("Gemm", "Dense (W = alpha·B or its transpose, b = beta·C; transA = 0)"),
    MAT_MUL("MatMul", "Dense without bias; a following Add of a constant becomes its bias"),
    CONV("Conv", "Conv2D (pads, strides, auto_pad; group 1, dilation 1)"),
    MAX_POOL("MaxPool", "max Pool2D (pads, strides; ceil_mode 0, dilation 1)"),
    AVERAGE_POOL("AveragePool", "average Pool2D (count_include_pad either way; ceil_mode 0)"),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", "average Pool2D over the whole image"),
    GLOBAL_MAX_POOL("GlobalMaxPool", "max Pool2D over the whole image"),
    BATCH_NORMALIZATION("BatchNormalization", "BatchNorm (inference; folded into the layer before it as for DL4J)"),
    RELU("Relu", "ReLU (merged into the Gemm/MatMul/Conv before it)"),
    LEAKY_RELU("LeakyRelu", "LeakyReLU(alpha)"),
    CLIP("Clip", "HardTanh for [-1, 1], ReLU for [0, ∞); other bounds (ReLU6) need a graph op not built yet"),
    HARD_SIGMOID("HardSigmoid", "HardSigmoid (alpha 0.2, beta 0.5, as DL4J's)"),
    SIGMOID("Sigmoid", "Sigmoid"),
    TANH("Tanh", "Tanh"),
    SOFTMAX("Softmax", "Softmax on the last axis (the output; argmax or logits in the program)"),
    FLATTEN("Flatten", "Flatten (axis 1; channels-first order as ONNX's)"),
    RESHAPE("Reshape", "Flatten, when the target shape is [batch, all the rest]"),
    ADD("Add", "residual Add of two activations of one shape, or a bias (see MatMul)"),
    IDENTITY("Identity", "dropped"),
    DROPOUT("Dropout", "dropped (inference)"),
    CONSTANT("Constant", "a constant input of another node (weights, a Reshape's shape, Clip's bounds)"),
    ARG_MAX("ArgMax", "dropped when it ends the graph (axis 1): the program's argmax output does it");

    private final String opType;
    private final String becomes;

    OnnxOp(String opType, String becomes) {
        this.opType = opType;
        this.becomes = becomes;
    }

    public String opType() {
        return opType;
    }

    public String becomes() {
        return becomes;
    }

    public static Optional<OnnxOp> of(String opType) {
        return Arrays.stream(values()).filter(o -> o.opType.equals(opType)).findFirst();
    }

    /** "Gemm, MatMul, ..." for messages. */
    public static String names() {
        return Arrays.stream(values()).map(OnnxOp::opType).collect(Collectors.joining(", "));
    }
}
