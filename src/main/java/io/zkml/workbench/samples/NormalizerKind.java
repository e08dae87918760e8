package io.zkml.workbench.samples;

/** How raw features are scaled before they reach the network; stored inside each sample zip. */
public enum NormalizerKind {
    /** {@code NormalizerStandardize} fitted on the training split: (x - mean) / std per feature. */
    STANDARDIZE,
    /** {@code NormalizerMinMaxScaler} with the fixed pixel range 0..16 mapped to 0..1. */
    MIN_MAX
}
