package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormFoldingTest {

    @Test
    void foldedCnnComputesTheSameOutputs() {
        ModelGraph g = TestGraphs.cnn(3);
        ModelGraph f = BatchNormFolding.fold(g);
        assertEquals(g.nodes().size() - 1, f.nodes().size());
        assertFalse(f.nodes().stream().anyMatch(n -> n.op() instanceof LayerOp.BatchNorm));
        assertEquals("c2", f.node("a2").inputs().get(0));
        assertTrue(((LayerOp.Conv2D) f.node("c2").op()).hasBias(), "a bias appears where there was none");
        assertSameOutputs(g, f, 100);
    }

    @Test
    void foldedDenseComputesTheSameOutputs() {
        TestGraphs t = new TestGraphs(5);
        String x = t.input(Shape.flat(6));
        x = t.dense("d", x, 6, 5, Activation.IDENTITY, t.weights(30, 6), t.uniform(5, -1, 1));
        x = t.batchNorm("bn", x, Shape.flat(5), 5);
        x = t.output("out", x, 5, 3, Activation.SOFTMAX, t.weights(15, 5), null);
        ModelGraph g = t.build(x);
        ModelGraph f = BatchNormFolding.fold(g);
        assertEquals(3, f.nodes().size());
        assertSameOutputs(g, f, 100);
    }

    @Test
    void bnAfterNonIdentityActivationIsLeftAlone() {
        TestGraphs t = new TestGraphs(5);
        String x = t.input(Shape.flat(6));
        x = t.dense("d", x, 6, 5, Activation.RELU, t.weights(30, 6), t.uniform(5, -1, 1));
        x = t.batchNorm("bn", x, Shape.flat(5), 5);
        ModelGraph g = t.build(x);
        assertSame(g, BatchNormFolding.fold(g));
    }

    private static void assertSameOutputs(ModelGraph g, ModelGraph f, int n) {
        FloatInterpreter a = new FloatInterpreter(g);
        FloatInterpreter b = new FloatInterpreter(f);
        float[][] xs = TestGraphs.randomInputs(9, n, g.inputShape().size());
        for (float[] x : xs) {
            float[] ya = a.output(x);
            float[] yb = b.output(x);
            for (int i = 0; i < ya.length; i++) {
                assertEquals(ya[i], yb[i], 1e-5);
            }
            float[][] actsA = a.activations(x);
            float[][] actsB = b.activations(x);
            for (int k = 0; k < f.nodes().size(); k++) {
                String name = f.nodes().get(k).name();
                if (name.equals("c2") || name.equals("d")) {
                    // the folded node now yields what the BN used to
                    continue;
                }
                float[] u = actsA[g.indexOf(name)];
                float[] v = actsB[k];
                for (int i = 0; i < u.length; i++) {
                    assertEquals(u[i], v[i], 1e-5, name);
                }
            }
        }
    }
}
