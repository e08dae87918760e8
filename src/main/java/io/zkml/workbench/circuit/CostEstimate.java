package io.zkml.workbench.circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Predicted circuit size of a program: the total, its split per model layer (plus "fixed",
 * "input" and "output"), the cost keys the table has no measurement for (counted as zero), and
 * the shapes priced by a rule that was not verified on them (inputs, outputs and hashes of
 * array lengths that were never measured, moved from the nearest measured length by
 * {@link PlaintextPacking}). The prediction is exact only when both lists are empty.
 */
public record CostEstimate(CircuitInfo total, Map<String, CircuitInfo> perLayer, List<String> unmeasured,
                           List<String> estimated) {

    public CostEstimate {
        perLayer = Map.copyOf(perLayer);
        unmeasured = List.copyOf(unmeasured);
        estimated = List.copyOf(estimated);
    }

    public CostEstimate(CircuitInfo total, Map<String, CircuitInfo> perLayer, List<String> unmeasured) {
        this(total, perLayer, unmeasured, List.of());
    }

    /** Every part measured or priced by a rule verified on that shape. */
    public boolean exact() {
        return unmeasured.isEmpty() && estimated.isEmpty();
    }

    /** Every instruction and shape has a price (measured, by rule, or extrapolated): nothing counted as zero. */
    public boolean complete() {
        return unmeasured.isEmpty();
    }

    /** What keeps the prediction from being exact, for a person: unmeasured keys, then extrapolated shapes. */
    public List<String> notExact() {
        List<String> out = new ArrayList<>();
        unmeasured.forEach(k -> out.add(k + " (not measured, counted as zero)"));
        estimated.forEach(k -> out.add(k + " (extrapolated by the packing rule, not measured)"));
        return out;
    }

    public int srsDegreeLog2() {
        return total.srsDegreeLog2();
    }
}
