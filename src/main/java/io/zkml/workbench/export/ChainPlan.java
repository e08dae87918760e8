package io.zkml.workbench.export;

import java.util.List;

/**
 * The plan of a program chain as {@code export.json} records it: where it was cut, every transition
 * (program, layers, circuit, size, deployment fee) and the execution as a whole. Made from the one
 * compiled model; the rows are the ones {@code zkml cost} prints ({@link CostReport.TransitionRow}).
 *
 * @param totalConstraints       constraints of all transitions, what proving the execution synthesizes
 * @param deploymentFeesAtLeastMicrocredits every program's deployment fee together, each by snarkVM's formula
 *                               with the program text's characters as its bytes (a lower bound: a deployment
 *                               adds a verifying key and certificate per function)
 * @param provingEstimate        time and memory of proving the execution ({@link CompiledModel#provingEstimate()})
 */
public record ChainPlan(RecordedCuts cuts, List<CostReport.TransitionRow> transitions, long totalConstraints,
                        long deploymentFeesAtLeastMicrocredits, ProvingEstimate provingEstimate) {

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
        return new ChainPlan(RecordedCuts.of(m), rows, m.totalConstraints(),
                rows.stream().mapToLong(CostReport.TransitionRow::deploymentFeeAtLeastMicrocredits).sum(),
                m.provingEstimate());
    }
}
