package io.zkml.workbench.quant;

import java.util.List;

/**
 * An estimated constraint count: the function's fixed overhead plus one figure per layer.
 *
 * @param estimator which {@link ConstraintEstimator} produced it (figures from different ones do not compare)
 */
public record ConstraintEstimate(String estimator, long total, long fixedOverhead, List<LayerCost> layers) {

    public ConstraintEstimate {
        layers = List.copyOf(layers);
    }

    public record LayerCost(String layer, long constraints) {
    }
}
