package io.zkml.workbench.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the comparison with DL4J itself lives in the importer tests. */
class FloatInterpreterTest {

    private static Node input(Shape s) {
        return new Node("in", new LayerOp.Input(s), List.of(), s, Map.of(), "test");
    }

    @Test
    void denseAppliesWeightsBiasAndActivation() {
        Tensor w = new Tensor(new int[] {2, 2}, new float[] {1, -1, 2, 3}); // [nIn=2, nOut=2]
        Tensor b = Tensor.vector(new float[] {0.5f, -10f});
        Node dense = new Node("d", new LayerOp.Dense(2, 2, true, Activation.RELU), List.of("in"), Shape.flat(2),
                Map.of("W", w, "b", b), "test");
        ModelGraph g = new ModelGraph("m", ModelGraph.SourceKind.BUILT, List.of(input(Shape.flat(2)), dense),
                List.of("d"), Optional.empty());
        // out0 = 1*1 + 2*2 + 0.5 = 5.5 ; out1 = relu(1*-1 + 2*3 - 10) = 0
        assertArrayEquals(new float[] {5.5f, 0f}, new FloatInterpreter(g).output(new float[] {1, 2}), 1e-6f);
    }

    @Test
    void samePaddingConvAndMaxPoolFollowDl4jGeometry() {
        Shape in = Shape.chw(1, 3, 3);
        LayerOp.Conv2D conv = new LayerOp.Conv2D(1, 1, 2, 2, 1, 1, Padding.SAME, false, Activation.IDENTITY);
        Tensor w = new Tensor(new int[] {1, 1, 2, 2}, new float[] {1, 1, 1, 1});
        Node c = new Node("c", conv, List.of("in"), Shape.chw(1, 3, 3), Map.of("W", w), "test");
        LayerOp.Pool2D pool = new LayerOp.Pool2D(LayerOp.PoolKind.MAX, 2, 2, 2, 2, Padding.NONE, true);
        Node p = new Node("p", pool, List.of("c"), Shape.chw(1, 1, 1), Map.of(), "test");
        ModelGraph g = new ModelGraph("m", ModelGraph.SourceKind.BUILT, List.of(input(in), c, p), List.of("p"),
                Optional.empty());
        float[][] acts = new FloatInterpreter(g).activations(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        // Same mode with k=2 pads one row/column at the bottom/right: 2x2 window sums.
        assertArrayEquals(new float[] {12, 16, 9, 24, 28, 15, 15, 17, 9}, acts[1], 1e-6f);
        assertArrayEquals(new float[] {28}, acts[2], 1e-6f);
    }

    @Test
    void batchNormUsesStoredStd() {
        Node bn = new Node("bn", new LayerOp.BatchNorm(2, 1e-5), List.of("in"), Shape.flat(2),
                Map.of("gamma", Tensor.vector(new float[] {2, 1}), "beta", Tensor.vector(new float[] {1, 0}),
                        "mean", Tensor.vector(new float[] {1, 1}), "std", Tensor.vector(new float[] {2, 4})),
                "test");
        ModelGraph g = new ModelGraph("m", ModelGraph.SourceKind.BUILT, List.of(input(Shape.flat(2)), bn),
                List.of("bn"), Optional.empty());
        assertArrayEquals(new float[] {4, 0.75f}, new FloatInterpreter(g).output(new float[] {4, 4}), 1e-6f);
    }

    @Test
    void wrongInputLengthIsAClearError() {
        ModelGraph g = new ModelGraph("m", ModelGraph.SourceKind.BUILT, List.of(input(Shape.flat(3))),
                List.of("in"), Optional.empty());
        var e = assertThrows(IllegalArgumentException.class, () -> new FloatInterpreter(g).output(new float[2]));
        assertEquals("model m expects 3 input values, got 2", e.getMessage());
    }

    @Test
    void graphRejectsForwardReferences() {
        Node d = new Node("d", new LayerOp.Act(Activation.RELU), List.of("later"), Shape.flat(1), Map.of(), "t");
        assertThrows(IllegalArgumentException.class, () -> new ModelGraph("m", ModelGraph.SourceKind.BUILT,
                List.of(input(Shape.flat(1)), d), List.of("d"), Optional.empty()));
    }
}
