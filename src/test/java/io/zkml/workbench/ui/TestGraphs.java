package io.zkml.workbench.ui;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;

import java.util.List;

/** Graphs the UI tests need that no sample has. */
final class TestGraphs {

    private TestGraphs() {
    }

    /** input → dense_a → {branch_left, branch_right} → add → output: 6 nodes, 6 edges. */
    static ModelGraph branchAndMerge() {
        DemoGraphs.Builder b = new DemoGraphs.Builder(42);
        String in = b.input(Shape.flat(4));
        String a = b.dense("dense_a", in, 4, 8, Activation.RELU);
        String l = b.dense("branch_left", a, 8, 8, Activation.RELU);
        String r = b.dense("branch_right", a, 8, 8, Activation.TANH);
        String m = b.elementwiseAdd("merge", List.of(l, r), Shape.flat(8));
        String out = b.output("output", m, 8, 3, Activation.SOFTMAX);
        return b.build("residual", out);
    }
}
