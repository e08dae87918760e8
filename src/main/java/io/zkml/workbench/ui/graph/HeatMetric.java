package io.zkml.workbench.ui.graph;

import java.util.OptionalDouble;
import java.util.function.Function;

/** Which figure the heat map colours nodes by. */
public enum HeatMetric {
    CONSTRAINT_SHARE("Constraint share", m -> m.constraints().isPresent() ? OptionalDouble.of(m.share())
            : OptionalDouble.empty()),
    QUANTIZATION_ERROR("Quantization error", NodeMetrics::error);

    private final String label;
    private final Function<NodeMetrics, OptionalDouble> value;

    HeatMetric(String label, Function<NodeMetrics, OptionalDouble> value) {
        this.label = label;
        this.value = value;
    }

    /** Empty when the node has no figure of this kind (it keeps the theme colour). */
    public OptionalDouble valueOf(NodeMetrics m) {
        return value.apply(m);
    }

    @Override
    public String toString() {
        return label;
    }
}
