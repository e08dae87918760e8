package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.quant.ConstraintEstimate;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.session.ModelSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The auto-tuner's constraint estimate: every candidate is compiled by {@link ModelCompiler} with the
 * project's {@link CompileSettings} (weights mode and chain included), exactly as export compiles it, so
 * its cost is what {@code zkml cost} prints for that spec: a chain's every transition, where pricing the
 * model as one program (as it did) gave fashion-cnn 563,822 constraints for a program never exported, and
 * the chain it is has 780,707. There is no second pricing path.
 *
 * <p>A candidate the code generator cannot lower, or whose program uses an instruction the table
 * has no measurement for, is refused with an {@link IllegalArgumentException} (the tuner skips such
 * candidates) rather than priced with a zero: a zero would make the tuner prefer it. Inputs and
 * outputs of lengths not measured are priced by the packing rule; a shape without any anchor counts
 * as zero, as in {@code zkml cost}: it is the same for every candidate of one model.
 */
public final class MeasuredConstraintEstimator implements ConstraintEstimator {

    public static final String NAME = "snarkvm-measured";
    private final ModelCompiler compiler;
    private final ModelSession session;
    private final CompileSettings settings;
    private final BinaryOperator<String> hash;
    /** Candidates differ from each other in a layer or two: a chain's unchanged segments are priced once. */
    private final SegmentPrices prices = new SegmentPrices();

    /** @param hash snarkVM's hash (algorithm, Aleo value text), needed for pinned weights only (may be null otherwise) */
    public MeasuredConstraintEstimator(ModelCompiler compiler, ModelSession session, CompileSettings settings,
                                       BinaryOperator<String> hash) {
        this.compiler = compiler;
        this.session = session;
        this.settings = settings;
        this.hash = hash;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConstraintEstimate estimate(QuantizedGraph program) {
        CompiledModel m;
        try {
            // The spec's text only names the spec in the program's header, a comment of fixed length: no cost.
            m = compiler.compileWith(session, program, "", settings, hash, prices, () -> false);
        } catch (WorkbenchException | UnsupportedOperationException | IllegalStateException ex) {
            // IllegalStateException: e.g. "constant 228 does not fit i8" for a requantization in a
            // narrow integer domain; a program the exporter could not write is no candidate.
            throw new IllegalArgumentException("the code generator cannot lower it: " + ex.getMessage(), ex);
        }
        List<String> missing = m.segments().stream().flatMap(s -> s.cost().unmeasured().stream())
                .filter(k -> !k.startsWith("input:") && !k.startsWith("output:") && !k.startsWith("call:")).distinct().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the measured cost table has no entry for " + missing);
        }
        // Every transition of a chain: a layer cut between two programs counts in both.
        Map<String, Long> byLayer = new LinkedHashMap<>();
        long fixed = 0;
        for (CompiledSegment s : m.segments()) {
            fixed += s.cost().functionParts().constraints();
            for (Map.Entry<String, CircuitInfo> l : s.cost().layers().entrySet()) {
                byLayer.merge(l.getKey(), l.getValue().constraints(), Long::sum);
            }
        }
        List<ConstraintEstimate.LayerCost> layers = new ArrayList<>();
        byLayer.forEach((name, c) -> layers.add(new ConstraintEstimate.LayerCost(name, c)));
        return new ConstraintEstimate(NAME, m.totalConstraints(), fixed, layers);
    }
}
