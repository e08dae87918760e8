package io.zkml.workbench.graph;

/**
 * What a node computes. Each variant carries the configuration that decides its output; its
 * learned values live in the node's parameter map under the names documented on each variant.
 */
public sealed interface LayerOp {

    /** A short type name for display and JSON ("Dense", "Conv2D", ...). */
    String typeName();

    /** This op's row in the one table of supported ops ({@link LayerKind}). */
    LayerKind layerKind();

    /** Calls the visitor's method for this op. */
    <R> R accept(Visitor<R> v);

    /**
     * One method per op: a stage that dispatches through a visitor fails to compile until it says
     * what it does with a newly added op (Java 17 has no pattern matching over sealed types yet).
     */
    interface Visitor<R> {
        R input(Input op);

        R dense(Dense op);

        R output(Output op);

        R conv2d(Conv2D op);

        R pool2d(Pool2D op);

        R batchNorm(BatchNorm op);

        R act(Act op);

        R flatten(Flatten op);

        R reshape(Reshape op);

        R add(ElementwiseAdd op);

        R dropout(Dropout op);
    }

    /** The activation applied after the linear part, or identity for ops that have none. */
    default Activation activation() {
        return Activation.IDENTITY;
    }

    /** The model's input; {@code shape} excludes the batch dimension. */
    record Input(Shape shape) implements LayerOp {
        public String typeName() { return "Input"; }
        public LayerKind layerKind() { return LayerKind.INPUT; }
        public <R> R accept(Visitor<R> v) { return v.input(this); }
    }

    /** Fully connected: params {@code W} [nIn, nOut] and {@code b} [nOut]. */
    record Dense(int nIn, int nOut, boolean hasBias, Activation activation) implements LayerOp {
        public String typeName() { return "Dense"; }
        public LayerKind layerKind() { return LayerKind.DENSE; }
        public <R> R accept(Visitor<R> v) { return v.dense(this); }
    }

    /**
     * Fully connected output layer as DL4J's OutputLayer: same params as Dense, plus the loss
     * it was trained with (informational: inference ignores it).
     */
    record Output(int nIn, int nOut, boolean hasBias, Activation activation, String loss) implements LayerOp {
        public String typeName() { return "Output"; }
        public LayerKind layerKind() { return LayerKind.OUTPUT; }
        public <R> R accept(Visitor<R> v) { return v.output(this); }
    }

    /**
     * 2-D convolution, channels first: params {@code W} [outC, inC, kH, kW] and {@code b} [outC].
     */
    record Conv2D(int inChannels, int outChannels, int kernelH, int kernelW, int strideH, int strideW,
                  Padding padding, boolean hasBias, Activation activation) implements LayerOp {
        public String typeName() { return "Conv2D"; }
        public LayerKind layerKind() { return LayerKind.CONV2D; }
        public <R> R accept(Visitor<R> v) { return v.conv2d(this); }
    }

    /** Max or average pooling; {@code padIncludedInAverage} follows DL4J's avgPoolIncludePadInDivisor. */
    record Pool2D(PoolKind kind, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                  boolean padIncludedInAverage) implements LayerOp {
        public String typeName() { return kind == PoolKind.MAX ? "MaxPool2D" : "AvgPool2D"; }
        public LayerKind layerKind() { return LayerKind.POOL2D; }
        public <R> R accept(Visitor<R> v) { return v.pool2d(this); }
    }

    enum PoolKind { MAX, AVG }

    /**
     * Inference-time batch normalisation per feature (or per channel for images):
     * {@code y = gamma * (x - mean) / std + beta} with params {@code gamma}, {@code beta},
     * {@code mean}, {@code std}, where {@code std = sqrt(var + eps)} was already computed at import.
     */
    record BatchNorm(int features, double eps) implements LayerOp {
        public String typeName() { return "BatchNorm"; }
        public LayerKind layerKind() { return LayerKind.BATCH_NORM; }
        public <R> R accept(Visitor<R> v) { return v.batchNorm(this); }
    }

    /** A stand-alone activation layer. */
    record Act(Activation activation) implements LayerOp {
        public String typeName() { return "Activation"; }
        public LayerKind layerKind() { return LayerKind.ACTIVATION; }
        public <R> R accept(Visitor<R> v) { return v.act(this); }
    }

    /** Channels-first image to flat vector, index {@code c*H*W + h*W + w} (DL4J's CnnToFeedForward). */
    record Flatten() implements LayerOp {
        public String typeName() { return "Flatten"; }
        public LayerKind layerKind() { return LayerKind.FLATTEN; }
        public <R> R accept(Visitor<R> v) { return v.flatten(this); }
    }

    /** Flat vector to a channels-first image (DL4J's FeedForwardToCnn), same index order as Flatten. */
    record Reshape(Shape target) implements LayerOp {
        public String typeName() { return "Reshape"; }
        public LayerKind layerKind() { return LayerKind.RESHAPE; }
        public <R> R accept(Visitor<R> v) { return v.reshape(this); }
    }

    /** Sum of all inputs, which have the same shape (ComputationGraph ElementWiseVertex Add). */
    record ElementwiseAdd() implements LayerOp {
        public String typeName() { return "Add"; }
        public LayerKind layerKind() { return LayerKind.ADD; }
        public <R> R accept(Visitor<R> v) { return v.add(this); }
    }

    /** Dropout: identity at inference; kept so the graph mirrors the source network. */
    record Dropout(double retainProbability) implements LayerOp {
        public String typeName() { return "Dropout"; }
        public LayerKind layerKind() { return LayerKind.DROPOUT; }
        public <R> R accept(Visitor<R> v) { return v.dropout(this); }
    }
}
