package io.zkml.workbench.circuit;

import io.zkml.workbench.quant.ConstraintEstimate;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.QuantizedGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The auto-tuner's constraint estimate from the measured snarkVM cost table: lowers the quantized
 * graph exactly as the exporter does and prices every instruction ({@link ModelCost}). The figures
 * are the ones {@code zkml cost} prints, so the tuner minimises what the proof will really cost.
 *
 * <p>A candidate the code generator cannot lower, or whose program uses an instruction the table
 * has no measurement for, is refused with an {@link IllegalArgumentException} (the tuner skips such
 * candidates) rather than priced with a zero: a zero would make the tuner prefer it. Inputs and
 * outputs of lengths not measured are priced by the packing rule ({@link PlaintextPacking}); a shape
 * without any anchor counts as zero, as in {@code zkml cost}: it is the same for every candidate of
 * one model.
 */
public final class MeasuredConstraintEstimator implements ConstraintEstimator {

    public static final String NAME = "snarkvm-measured";

    private final ModelCost cost;

    public MeasuredConstraintEstimator(ModelCost cost) {
        this.cost = cost;
    }

    public static MeasuredConstraintEstimator bundled() {
        return new MeasuredConstraintEstimator(ModelCost.bundled());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConstraintEstimate estimate(QuantizedGraph program) {
        CostEstimate e;
        try {
            e = cost.estimate(program);
        } catch (UnsupportedOperationException | IllegalStateException ex) {
            // IllegalStateException: e.g. "constant 228 does not fit i8" for a requantization in a
            // narrow integer domain; a program the exporter could not write is no candidate.
            throw new IllegalArgumentException("the code generator cannot lower it: " + ex.getMessage(), ex);
        }
        List<String> missing = e.unmeasured().stream()
                .filter(k -> !k.startsWith("input:") && !k.startsWith("output:")).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the measured cost table has no entry for " + missing);
        }
        List<ConstraintEstimate.LayerCost> layers = new ArrayList<>();
        long fixed = 0;
        for (Map.Entry<String, CircuitInfo> l : e.perLayer().entrySet()) {
            if (l.getKey().equals("fixed")) {
                fixed = l.getValue().constraints();
            } else {
                layers.add(new ConstraintEstimate.LayerCost(l.getKey(), l.getValue().constraints()));
            }
        }
        return new ConstraintEstimate(NAME, e.total().constraints(), fixed, layers);
    }
}
