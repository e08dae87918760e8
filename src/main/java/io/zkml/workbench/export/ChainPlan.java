package io.zkml.workbench.export;

import java.util.List;

/**
 * The plan of a program chain as {@code export.json} records it: where it was cut, every transition
 * (program, layers, circuit, size, execution bytes, deployment fee) and the execution as a whole (its fees are
 * the manifest's {@link FeeSummary}, for one program and chains alike). Made from the one
 * compiled model; the rows are the ones {@code zkml cost} prints ({@link CostReport.TransitionRow}).
 *
 * @param totalConstraints       constraints of all transitions, what proving the execution synthesizes
 * @param provingEstimate        time and memory of proving the execution ({@link CompiledModel#provingEstimate()})
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ChainPlan(RecordedCuts cuts, List<CostReport.TransitionRow> transitions, long totalConstraints,
                        ProvingEstimate provingEstimate) {

    public ChainPlan {
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
    }

    /** The plan of {@code m}, or null when it is one program (whose export.json has none). */
    public static ChainPlan of(CompiledModel m) {
        return m.isChain() ? transitionsOf(m) : null;
    }

    /**
     * The same rows and totals for any compiled model, one program being a chain of one transition
     * without cuts (benchmarks compare both).
     */
    public static ChainPlan transitionsOf(CompiledModel m) {
        List<CostReport.TransitionRow> rows = m.segments().stream().map(s -> CostReport.TransitionRow.of(m, s)).toList();
        return new ChainPlan(RecordedCuts.of(m), rows, m.totalConstraints(), m.provingEstimate());
    }
}
