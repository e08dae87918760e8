package io.zkml.workbench.ui;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.ModelCost;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the dashboard and node badges from the snarkVM-calibrated cost model. A model the code
 * generator cannot lower yet (an unsupported layer) shows no cost rather than a wrong one.
 */
final class MeasuredCostProvider implements CostProvider {

    private final ModelCost cost = ModelCost.bundled();

    @Override
    public Optional<Figures> estimate(QuantizedGraph graph, QuantSpec spec) {
        CostEstimate e;
        try {
            e = cost.estimate(graph);
        } catch (UnsupportedOperationException | IllegalArgumentException unsupported) {
            return Optional.empty();
        }
        Map<String, Long> byNode = new HashMap<>();
        for (Map.Entry<String, CircuitInfo> layer : e.perLayer().entrySet()) {
            byNode.put(layer.getKey(), layer.getValue().constraints());
        }
        // The input's cost is measured against the reference input inside the fixed cost, so it can
        // be negative (an i16 array is cheaper than the reference i32 one); shown together they are
        // what receiving the input costs, and never below zero.
        Long fixed = byNode.remove("fixed");
        if (fixed != null) {
            byNode.merge("input", fixed, Long::sum);
        }
        return Optional.of(new Figures(byNode, e.total().constraints(), e.srsDegreeLog2()));
    }
}
