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

    /** Whether the worst layer clips more than {@link CollapseCheck#MAX_CLIPPED_SHARE} (else accuracy fired). */
    public boolean clips() {
        return clippedShare > CollapseCheck.MAX_CLIPPED_SHARE;
    }

    /** The headline for a tile or banner title, e.g. "98% clipped in layer0" or "66.7 points lost". */
    public String headline() {
        return clips() ? CollapseCheck.percent(clippedShare) + " clipped in " + layer
                : String.format(java.util.Locale.US, "%.1f points lost", 100 * accuracyDrop);
    }
}
