package io.zkml.workbench.circuit;

import java.util.List;
import java.util.Map;

/**
 * Predicted circuit size of a program: the total, its split per model layer (plus "fixed",
 * "input" and "output"), and the cost keys the table has no measurement for (counted as zero;
 * the prediction is exact only when this list is empty).
 */
public record CostEstimate(CircuitInfo total, Map<String, CircuitInfo> perLayer, List<String> unmeasured) {

    public CostEstimate {
        perLayer = Map.copyOf(perLayer);
        unmeasured = List.copyOf(unmeasured);
    }

    public boolean exact() {
        return unmeasured.isEmpty();
    }

    public int srsDegreeLog2() {
        return total.srsDegreeLog2();
    }
}
