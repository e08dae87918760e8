package io.zkml.workbench.quant;

/**
 * A spec that runs without overflow but has collapsed: most values saturate at their bound
 * (clipping) or the quantized model has lost its accuracy. Produced only by {@link CollapseCheck}.
 *
 * @param layer        the layer with the largest clipped share (the one to look at first)
 * @param clippedShare that layer's share of values the activation clamp changed, 0–1
 * @param accuracyDrop float minus quantized accuracy, 0–1; NaN when not measured (regressors, no labels)
 * @param message      one sentence for the user: what collapsed, where, and what to do
 */
public record CollapseWarning(String layer, double clippedShare, double accuracyDrop, String message) {
}
