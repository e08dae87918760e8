package io.zkml.workbench.graph;

/**
 * What a node computes. Each variant carries the configuration that decides its output; its
 * learned values live in the node's parameter map under the names documented on each variant.
 */
public sealed interface LayerOp {

    /** A short type name for display and JSON ("Dense", "Conv2D", ...). */
    String typeName();

    /** The activation applied after the linear part, or identity for ops that have none. */
    default Activation activation() {
        return Activation.IDENTITY;
    }

    /** The model's input; {@code shape} excludes the batch dimension. */
    record Input(Shape shape) implements LayerOp {
        public String typeName() { return "Input"; }
    }

    /** Fully connected: params {@code W} [nIn, nOut] and {@code b} [nOut]. */
    record Dense(int nIn, int nOut, boolean hasBias, Activation activation) implements LayerOp {
        public String typeName() { return "Dense"; }
    }

    /**
     * Fully connected output layer as DL4J's OutputLayer: same params as Dense, plus the loss
     * it was trained with (informational: inference ignores it).
     */
    record Output(int nIn, int nOut, boolean hasBias, Activation activation, String loss) implements LayerOp {
        public String typeName() { return "Output"; }
    }

    /**
     * 2-D convolution, channels first: params {@code W} [outC, inC, kH, kW] and {@code b} [outC].
     */
    record Conv2D(int inChannels, int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                  Padding padding, boolean hasBias, Activation activation) implements LayerOp {
        public String typeName() { return "Conv2D"; }
    }

    /** Max or average pooling; {@code padIncludedInAverage} follows DL4J's avgPoolIncludePadInDivisor. */
    record Pool2D(PoolKind kind, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                  boolean padIncludedInAverage) implements LayerOp {
        public String typeName() { return kind == PoolKind.MAX ? "MaxPool2D" : "AvgPool2D"; }
    }

    enum PoolKind { MAX, AVG }

    /**
     * Inference-time batch normalisation per feature (or per channel for images):
     * {@code y = gamma * (x - mean) / std + beta} with params {@code gamma}, {@code beta},
     * {@code mean}, {@code std}, where {@code std = sqrt(var + eps)} was already computed at import.
     */
    record BatchNorm(int features, double eps) implements LayerOp {
        public String typeName() { return "BatchNorm"; }
    }

    /** A stand-alone activation layer. */
    record Act(Activation activation) implements LayerOp {
        public String typeName() { return "Activation"; }
    }

    /** Channels-first image to flat vector, index {@code c*H*W + h*W + w} (DL4J's CnnToFeedForward). */
    record Flatten() implements LayerOp {
        public String typeName() { return "Flatten"; }
    }

    /** Flat vector to a channels-first image (DL4J's FeedForwardToCnn), same index order as Flatten. */
    record Reshape(Shape target) implements LayerOp {
        public String typeName() { return "Reshape"; }
    }

    /** Sum of all inputs, which have the same shape (ComputationGraph ElementWiseVertex Add). */
    record ElementwiseAdd() implements LayerOp {
        public String typeName() { return "Add"; }
    }

    /** Dropout: identity at inference; kept so the graph mirrors the source network. */
    record Dropout(double retainProbability) implements LayerOp {
        public String typeName() { return "Dropout"; }
    }
}
