package io.zkml.workbench.quant;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a collapsed spec apart from a healthy one. Overflow (a value that wraps or aborts the
 * proof) is reported by {@link OverflowReport}; this check covers the quieter failure where values
 * are clipped to their bound (saturation) so often that the network stops computing anything
 * useful — a proof would succeed, but of a broken model. Thresholds are documented in
 * docs/QUANTIZATION.md; the calibrated default of every bundled sample stays well under both.
 */
public final class CollapseCheck {

    /** A layer whose activation clamp changes more than this share of its values has collapsed. */
    public static final double MAX_CLIPPED_SHARE = 0.05;

    /**
     * A classifier that loses more than this (float minus quantized accuracy, 5 points) has
     * collapsed. Regressors are judged by clipping only: their float error against the targets is
     * not measured by the evaluation, so there is no like-for-like drop to compare.
     */
    public static final double MAX_ACCURACY_DROP = 0.05;

    private CollapseCheck() {
    }

    /** The warning for this evaluation, or empty when no layer clips too much and accuracy holds. */
    public static Optional<CollapseWarning> check(QuantEvaluation ev) {
        Optional<LayerError> worst = ev.layers().stream()
                .max(Comparator.comparingDouble(LayerError::saturatedFraction));
        if (worst.isEmpty()) {
            return Optional.empty();
        }
        LayerError w = worst.get();
        OutputMetrics o = ev.output();
        double drop = o.classifier() ? o.floatAccuracy() - o.quantizedAccuracy() : Double.NaN;
        boolean clipping = w.saturatedFraction() > MAX_CLIPPED_SHARE;
        boolean accuracy = !Double.isNaN(drop) && drop > MAX_ACCURACY_DROP;
        if (!clipping && !accuracy) {
            return Optional.empty();
        }
        StringBuilder m = new StringBuilder();
        m.append(String.format(Locale.US, "%s clips %s of its values", w.layer(), percent(w.saturatedFraction())));
        if (!Double.isNaN(drop)) {
            m.append(String.format(Locale.US, "; accuracy %s vs %s in float (%.1f points lost)",
                    percent(o.quantizedAccuracy()), percent(o.floatAccuracy()), 100 * drop));
        }
        m.append(clipping ? ". Its activation range is too narrow for the data"
                : ". The quantized model no longer matches the float one");
        m.append(": press Calibrate (zkml calibrate) to fit every layer's range to the dataset.");
        return Optional.of(new CollapseWarning(w.layer(), w.saturatedFraction(), drop, m.toString()));
    }

    /** A share as a whole percentage, keeping one decimal below 10 % so 0.4 % does not read as 0 %. */
    public static String percent(double share) {
        double p = 100 * share;
        return p < 10 && p != 0 ? String.format(Locale.US, "%.1f%%", p) : String.format(Locale.US, "%.0f%%", p);
    }
}
