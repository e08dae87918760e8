package io.zkml.workbench.quant;

import io.zkml.workbench.graph.ModelGraph;

/**
 * Keeps every layer's integer activations for one dataset so that editing the spec re-runs
 * only what changed: a layer is recomputed when its own integer program differs (weights,
 * shifts, bounds, tables — compared deeply) or when one of its inputs was recomputed.
 * Changing one layer's output scale therefore re-runs that layer and everything downstream,
 * but nothing upstream.
 */
public final class IncrementalSimulator {

    private final ModelGraph graph;
    private final float[][] inputs;
    private final IntegerSimulator simulator = new IntegerSimulator();
    private QuantizedGraph current;
    private LayerRun[] runs;
    private int lastRecomputed;

    public IncrementalSimulator(ModelGraph graph, QuantSpec spec, float[][] inputs) {
        this.graph = graph;
        this.inputs = inputs.clone();
        this.current = QuantizedGraphBuilder.build(graph, spec);
        this.runs = new LayerRun[current.layers().size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = simulator.runLayer(current, i, runs, this.inputs);
        }
        lastRecomputed = runs.length;
    }

    public SimulationResult result() {
        return IntegerSimulator.result(current, runs, inputs.length);
    }

    public QuantizedGraph quantizedGraph() {
        return current;
    }

    /** How many layers the last construction or update computed. */
    public int lastRecomputed() {
        return lastRecomputed;
    }

    public SimulationResult update(QuantSpec spec) {
        QuantizedGraph next = QuantizedGraphBuilder.build(graph, spec);
        int n = next.layers().size();
        boolean sameShape = n == current.layers().size();
        for (int i = 0; sameShape && i < n; i++) {
            sameShape = next.layer(i).name().equals(current.layer(i).name());
        }
        LayerRun[] nextRuns = new LayerRun[n];
        boolean[] dirty = new boolean[n];
        int recomputed = 0;
        for (int i = 0; i < n; i++) {
            QuantizedLayer l = next.layer(i);
            boolean d = !sameShape || !l.sameComputation(current.layer(i));
            for (int k = 0; !d && k < l.inputCount(); k++) {
                d = dirty[l.input(k)];
            }
            dirty[i] = d;
            if (d) {
                nextRuns[i] = simulator.runLayer(next, i, nextRuns, inputs);
                recomputed++;
            } else {
                nextRuns[i] = runs[i];
            }
        }
        current = next;
        runs = nextRuns;
        lastRecomputed = recomputed;
        return result();
    }
}
