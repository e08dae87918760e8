package io.zkml.workbench.ui.dashboard;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.ProvingEstimate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cost figures the dashboard and node badges show, read from the one compiled program (the
 * program the Code tab shows, Export writes and Prove proves). Nothing here is computed again: a
 * program chain's figures are its transitions' own, added up, so the dashboard and badges describe
 * every program of the chain, not only the entry.
 */
public record ProgramCost(CompiledModel program) {

    /** Constraints of every transition together (one program: its total). */
    public long totalConstraints() {
        return program.totalConstraints();
    }

    public int srsDegreeLog2() {
        return program.srsDegreeLog2();
    }

    public ProvingEstimate estimate() {
        return program.provingEstimate();
    }

    /** One execution's fee (exact) and the deployment's (estimated), as `zkml cost` prints them. */
    public io.zkml.workbench.export.FeeSummary fees() {
        return io.zkml.workbench.export.FeeSummary.of(program);
    }

    /** How many programs (transitions) the model compiled to: 1 unless it is a chain. */
    public int transitions() {
        return program.segments().size();
    }

    /** Constraints per model layer only; the function's own parts are never under a layer's name. */
    public Map<String, Long> constraintsByNode() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (CompiledSegment s : program.segments()) {
            for (Map.Entry<String, CircuitInfo> e : s.cost().layers().entrySet()) {
                m.merge(e.getKey(), e.getValue().constraints(), Long::sum);
            }
        }
        return m;
    }

    /**
     * The transition (1 = the entry) each layer of a chain is lowered in, from the segments' layer
     * ranges; for a layer cut between its output channels, the first of its transitions. Empty for one
     * program, whose layers need no badge.
     */
    public Map<String, Integer> transitionByNode() {
        return transitionsByNode(true);
    }

    /**
     * The last transition each layer of a chain is lowered in: later than {@link #transitionByNode}'s
     * for a layer cut between its output channels, which several transitions compute a part of.
     */
    public Map<String, Integer> lastTransitionByNode() {
        return transitionsByNode(false);
    }

    private Map<String, Integer> transitionsByNode(boolean first) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (program.isChain()) {
            for (CompiledSegment s : program.segments()) {
                for (int i = s.fromLayer(); i < s.toLayer(); i++) {
                    String layer = program.quantized().layer(i).name();
                    if (first) {
                        m.putIfAbsent(layer, s.index() + 1);
                    } else {
                        m.put(layer, s.index() + 1);
                    }
                }
            }
        }
        return m;
    }

    /**
     * The functions' fixed overhead: what every function of the program (each transition of a chain) costs
     * besides its layers, the model's inputs ({@link #inputs}), a chain's hand-offs ({@link #handoffs}), the
     * commitment and the outputs. The overhead was measured with a reference input ([i32; 4u32]); a model
     * input cheaper than that, and hand-offs that cost less than the reference, stay in here.
     */
    public long functionOverhead() {
        return sum(c -> c.functionAndInputs().plus(c.call())) - inputs() - handoffs();
    }

    /**
     * What a chain pays to pass activations from program to program: each caller's side of calling the next
     * and each later program's receiving of what it is handed (beyond the reference input). In fashion-cnn's
     * chain this is most of what its three functions cost besides their layers, and other cuts change it.
     * Zero for one program.
     */
    public long handoffs() {
        List<CompiledSegment> segments = program.segments();
        long received = segments.stream().skip(1).mapToLong(s -> s.cost().inputs().constraints()).sum();
        return segments.size() < 2 ? 0 : Math.max(0, received + sum(CostEstimate::call));
    }

    /**
     * Receiving the model's data inputs (the entry program's), as far as they cost more than the reference
     * input the function overhead holds: Fashion-MNIST's 784 values as i16 cost three times the overhead,
     * and fewer input bits (the input node's "Input bits") make them cheaper. Zero when they cost no more.
     */
    public long inputs() {
        return Math.max(0, program.segments().get(0).cost().inputs().constraints());
    }

    /** Hashing the private weights (zero for constant weights). */
    public long commitment() {
        return sum(CostEstimate::commitment);
    }

    public boolean commitsToWeights() {
        return program.program().commitmentLayer() != null;
    }

    public long outputs() {
        return sum(CostEstimate::outputs);
    }

    private long sum(Function<CostEstimate, CircuitInfo> part) {
        return program.segments().stream().mapToLong(s -> part.apply(s.cost()).constraints()).sum();
    }
}
