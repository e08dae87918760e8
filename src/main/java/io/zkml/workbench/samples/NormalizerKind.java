package io.zkml.workbench.samples;

/** How raw features are scaled before they reach the network; stored inside each sample zip. */
public enum NormalizerKind {
    /** {@code NormalizerStandardize} fitted on the training split: (x - mean) / std per feature. */
    STANDARDIZE,
    /** {@code NormalizerMinMaxScaler} with a fixed pixel range 0..max mapped to 0..1 (max: the recipe's pixel scale, 16 or 255). */
    MIN_MAX,
    /** None stored: the source sample's normaliser is folded into the first layer's weights (ONNX samples). */
    FOLDED
}
