package io.zkml.workbench.ui;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Graphs the UI tests need that no sample has (branches), built in memory with seeded weights. */
public final class TestGraphs {

    private TestGraphs() {
    }

    /** input → dense_a → {branch_left, branch_right} → add → output: 6 nodes, 6 edges. */
    public static ModelGraph branchAndMerge() {
        Builder b = new Builder(42);
        String in = b.input(Shape.flat(4));
        String a = b.dense("dense_a", in, 4, 8, Activation.RELU);
        String l = b.dense("branch_left", a, 8, 8, Activation.RELU);
        String r = b.dense("branch_right", a, 8, 8, Activation.TANH);
        String m = b.add(new Node("merge", new LayerOp.ElementwiseAdd(), List.of(l, r), Shape.flat(8), Map.of(),
                "ElementWiseVertex"));
        String out = b.output("output", m, 8, 3, Activation.SOFTMAX);
        return b.build("residual", out);
    }

    /** input → dense → output. */
    public static ModelGraph chain() {
        Builder b = new Builder(7);
        String in = b.input(Shape.flat(4));
        String d = b.dense("dense", in, 4, 10, Activation.RELU);
        return b.build("chain", b.output("output", d, 10, 3, Activation.SOFTMAX));
    }

    /**
     * input → (dense_i → relu_i) × blocks → output: 2·blocks + 2 nodes in one chain, the shape of
     * a very deep network, for the graph view's level of detail.
     */
    public static ModelGraph deepChain(int blocks) {
        Builder b = new Builder(11);
        String prev = b.input(Shape.flat(4));
        int width = 4;
        for (int i = 0; i < blocks; i++) {
            String d = b.dense("dense_" + i, prev, width, 4, Activation.IDENTITY);
            prev = b.add(new Node("relu_" + i, new LayerOp.Act(Activation.RELU), List.of(d), Shape.flat(4), Map.of(),
                    "ActivationLayer"));
        }
        return b.build("deep", b.output("output", prev, width, 3, Activation.SOFTMAX));
    }

    /** Appends nodes in topological order with deterministic weights. */
    private static final class Builder {
        private final Random random;
        private final List<Node> nodes = new ArrayList<>();

        Builder(long seed) {
            random = new Random(seed);
        }

        String add(Node n) {
            nodes.add(n);
            return n.name();
        }

        String input(Shape shape) {
            return add(new Node("input", new LayerOp.Input(shape), List.of(), shape, Map.of(), "InputType"));
        }

        String dense(String name, String in, int nIn, int nOut, Activation act) {
            return add(new Node(name, new LayerOp.Dense(nIn, nOut, true, act), List.of(in), Shape.flat(nOut),
                    Map.of("W", tensor(nIn, nOut), "b", tensor(nOut)), "DenseLayer"));
        }

        String output(String name, String in, int nIn, int nOut, Activation act) {
            return add(new Node(name, new LayerOp.Output(nIn, nOut, true, act, "MCXENT"), List.of(in),
                    Shape.flat(nOut), Map.of("W", tensor(nIn, nOut), "b", tensor(nOut)), "OutputLayer"));
        }

        ModelGraph build(String name, String output) {
            return new ModelGraph(name, ModelGraph.SourceKind.BUILT, nodes, List.of(output), Optional.empty());
        }

        private Tensor tensor(int... shape) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (random.nextGaussian() * 0.5);
            }
            return new Tensor(shape, v);
        }
    }
}
