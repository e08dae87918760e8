package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.graph.Tensor;

/** Summary of one parameter tensor for the inspector. */
public record TensorStats(int count, double min, double max, double mean) {

    public static TensorStats of(Tensor t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = t.size();
        for (int i = 0; i < n; i++) {
            float v = t.get(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return n == 0 ? new TensorStats(0, 0, 0, 0) : new TensorStats(n, min, max, sum / n);
    }
}
