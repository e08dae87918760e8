package io.zkml.workbench.quant;

import io.zkml.workbench.graph.ModelGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates a sequence of specs on one dataset, paying only for what changed: the simulation is
 * incremental ({@link IncrementalSimulator}) and a layer's error statistics are recomputed only
 * when its integers were (a layer that was not re-run keeps the very same array). The float
 * reference is computed once per prepared graph (with and without BatchNorm folding).
 */
public final class IncrementalEvaluator {

    private final ModelGraph graph;
    private final float[][] inputs;
    private final int[] labels;
    private final float[][] targets;
    private final Function<ModelGraph, ReferenceActivations> referenceOf;
    private final Map<Boolean, ReferenceActivations> references = new HashMap<>();
    private IncrementalSimulator simulator;
    private QuantSpec simulated;
    private long[][] measuredValues = new long[0][];
    private LayerError[] measured = new LayerError[0];
    private ReferenceActivations measuredAgainst;

    /**
     * @param referenceOf computes the float reference of a prepared (folded or not) graph; called at
     *                    most twice
     * @param labels      class labels, or null
     * @param targets     regression targets, or null
     */
    public IncrementalEvaluator(ModelGraph graph, float[][] inputs, int[] labels, float[][] targets,
                                Function<ModelGraph, ReferenceActivations> referenceOf) {
        this.graph = graph;
        this.inputs = inputs.clone();
        this.labels = labels;
        this.targets = targets;
        this.referenceOf = referenceOf;
    }

    public SimulationResult simulate(QuantSpec spec) {
        if (simulator == null) {
            simulator = new IncrementalSimulator(graph, spec, inputs);
        } else if (!spec.equals(simulated)) {
            simulator.update(spec);
        }
        simulated = spec;
        return simulator.result();
    }

    /** How many layers the last simulation that changed anything recomputed. */
    public int lastRecomputed() {
        return simulator == null ? 0 : simulator.lastRecomputed();
    }

    public ReferenceActivations reference(QuantSpec spec) {
        return references.computeIfAbsent(spec.foldBatchNorm(),
                fold -> referenceOf.apply(QuantizedGraphBuilder.prepare(graph, spec)));
    }

    /** Per-layer errors and output metrics. */
    public QuantEvaluation evaluate(QuantSpec spec) {
        SimulationResult r = simulate(spec);
        ReferenceActivations ref = reference(spec);
        ModelGraph prepared = QuantizedGraphBuilder.prepare(graph, spec);
        ErrorMetrics.requireSameGraph(prepared, r);
        int n = r.graph().layers().size();
        if (measuredAgainst != ref || measured.length != n) {
            measured = new LayerError[n];
            measuredValues = new long[n][];
            measuredAgainst = ref;
        }
        List<LayerError> layers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] v = r.values(i);
            // Identity, not equality: an unchanged layer keeps its array, a re-run one never does.
            if (measuredValues[i] != v || !measured[i].layer().equals(r.graph().layer(i).name())) {
                measured[i] = ErrorMetrics.layerError(r.graph().layer(i), v, ref.node(i), r.saturated()[i]);
                measuredValues[i] = v;
            }
            layers.add(measured[i]);
        }
        return new QuantEvaluation(layers, ErrorMetrics.output(prepared, r, ref, labels, targets), r.overflow(),
                ref.source());
    }

    /** Output metrics and overflows only: the cheap check a search runs for every candidate. */
    public Outcome outcome(QuantSpec spec) {
        SimulationResult r = simulate(spec);
        ModelGraph prepared = QuantizedGraphBuilder.prepare(graph, spec);
        return new Outcome(r.graph(), ErrorMetrics.output(prepared, r, reference(spec), labels, targets),
                r.overflow());
    }

    /** What one spec does at the output, and whether anything overflowed. */
    public record Outcome(QuantizedGraph program, OutputMetrics output, OverflowReport overflow) {
    }
}
