package io.zkml.workbench.quant;

import java.util.List;

/**
 * Integer activations of every layer for a batch. {@code values.get(layer)[sample * size + neuron]}
 * is the integer; divide by 2^fracBits for the real value. {@code saturated[layer]} counts values
 * the activation clamp changed; {@code predictions} holds the argmax per sample when the output
 * layer is in ARGMAX mode, else null. Arrays are shared, not copied: treat them as read-only.
 */
public record SimulationResult(QuantizedGraph graph, int batch, List<long[]> values, long[] saturated,
                               OverflowReport overflow, int[] predictions) {

    public long[] values(int layer) {
        return values.get(layer);
    }

    public long[] values(String layer) {
        return values.get(indexOf(layer));
    }

    /** One sample's integers of one layer. */
    public long[] row(int layer, int sample) {
        int n = graph.layer(layer).size();
        long[] r = new long[n];
        System.arraycopy(values.get(layer), sample * n, r, 0, n);
        return r;
    }

    /** One sample's values of one layer as reals. */
    public double[] dequantizedRow(int layer, int sample) {
        long[] r = row(layer, sample);
        double scale = IntegerSemantics.pow2(-graph.layer(layer).fracBits());
        double[] d = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            d[i] = r[i] * scale;
        }
        return d;
    }

    public long[] outputValues() {
        return values.get(graph.outputIndex());
    }

    private int indexOf(String name) {
        int i = graph.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no layer " + name);
        }
        return i;
    }
}
