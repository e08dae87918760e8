package io.zkml.workbench.ui;

import java.util.function.ToDoubleFunction;

/** Which figure the heat map colours nodes by. */
public enum HeatMetric {
    CONSTRAINT_SHARE("Constraint share", NodeMetrics::share),
    QUANTIZATION_ERROR("Quantization error", NodeMetrics::error);

    private final String label;
    private final ToDoubleFunction<NodeMetrics> value;

    HeatMetric(String label, ToDoubleFunction<NodeMetrics> value) {
        this.label = label;
        this.value = value;
    }

    public double valueOf(NodeMetrics m) {
        return value.applyAsDouble(m);
    }

    @Override
    public String toString() {
        return label;
    }
}
