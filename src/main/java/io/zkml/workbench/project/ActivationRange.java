package io.zkml.workbench.project;

import io.zkml.workbench.quant.Histogram;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.SimulationResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a layer's quantized activations fall within what its fixed-point format can hold: the
 * headroom the calibration left, or how close the values come to being clipped. Lives in the
 * core so the CLI and the UI can report the same figure.
 *
 * @param observedMin       smallest dequantized activation over the dataset
 * @param representableMin  -2^(B-1) / 2^f
 * @param usage             distribution of the activations over [representableMin, representableMax]
 */
public record ActivationRange(String layer, double observedMin, double observedMax, double representableMin,
                              double representableMax, Histogram usage) {

    public static final int BINS = 32;

    /** The fraction of the representable span the observed values cover, 0..1. */
    public double spanUsed() {
        double span = representableMax - representableMin;
        return span <= 0 ? 0 : Math.min(1, (observedMax - observedMin) / span);
    }

    /** One range per simulated layer, by layer name. */
    public static Map<String, ActivationRange> of(SimulationResult r) {
        Map<String, ActivationRange> out = new LinkedHashMap<>();
        for (int i = 0; i < r.graph().layers().size(); i++) {
            QuantizedLayer l = r.graph().layer(i);
            out.put(l.name(), of(l, r.values(i)));
        }
        return out;
    }

    static ActivationRange of(QuantizedLayer l, long[] values) {
        double scale = Math.scalb(1.0, -l.fracBits());
        double lo = -Math.scalb(1.0, l.bits() - 1) * scale;
        double hi = (Math.scalb(1.0, l.bits() - 1) - 1) * scale;
        long[] counts = new long[BINS];
        double w = (hi - lo) / BINS;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (long q : values) {
            double v = q * scale;
            min = Math.min(min, v);
            max = Math.max(max, v);
            int bin = (int) Math.floor((v - lo) / w);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        if (values.length == 0) {
            min = 0;
            max = 0;
        }
        return new ActivationRange(l.name(), min, max, lo, hi, new Histogram(lo, hi, counts));
    }
}
