package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalSimulatorTest {

    private static void assertSameAsFull(ModelGraph g, QuantSpec spec, float[][] data, SimulationResult inc) {
        SimulationResult full = new IntegerSimulator().run(QuantizedGraphBuilder.build(g, spec), data);
        assertEquals(full.values().size(), inc.values().size());
        for (int i = 0; i < full.values().size(); i++) {
            assertArrayEquals(full.values(i), inc.values(i), "layer " + i);
        }
        assertArrayEquals(full.saturated(), inc.saturated());
        assertArrayEquals(full.predictions(), inc.predictions());
        assertEquals(full.overflow(), inc.overflow());
    }

    @Test
    void changingOneLayerRerunsOnlyItAndDownstream() {
        ModelGraph g = TestGraphs.cnn(21);
        float[][] data = TestGraphs.randomInputs(5, 200, g.inputShape().size());
        QuantSpec spec = new Calibrator().propose(g, data);
        IncrementalSimulator inc = new IncrementalSimulator(g, spec, data);
        int total = inc.quantizedGraph().layers().size();
        assertEquals(total, inc.lastRecomputed());

        // no change: nothing recomputed
        inc.update(spec);
        assertEquals(0, inc.lastRecomputed());

        // output layer only
        QuantSpec s1 = spec.withLayer("out", spec.layer("out").withRounding(Rounding.FLOOR));
        assertSameAsFull(g, s1, data, inc.update(s1));
        assertEquals(1, inc.lastRecomputed());

        // d1's output scale: d1, drop (reads it) and out (its shift changes)
        QuantSpec s2 = s1.withLayer("d1", s1.layer("d1").withActivationFracBits(s1.layer("d1").activationFracBits() - 3));
        assertSameAsFull(g, s2, data, inc.update(s2));
        assertEquals(3, inc.lastRecomputed());

        // a narrow domain in the middle: overflow report must match a full run too
        QuantSpec s3 = s2.withLayer("c2", s2.layer("c2").withDomain(Domain.I16));
        SimulationResult r3 = inc.update(s3);
        assertSameAsFull(g, s3, data, r3);
        assertTrue(inc.lastRecomputed() < total);
    }

    @Test
    void mlpWeightChangeEqualsFullRun() {
        ModelGraph g = TestGraphs.mlp(2, Activation.TANH);
        float[][] data = TestGraphs.randomInputs(6, 300, 20);
        QuantSpec spec = new Calibrator().propose(g, data);
        IncrementalSimulator inc = new IncrementalSimulator(g, spec, data);
        QuantSpec s = spec.withLayer("d2", spec.layer("d2").withWeightFracBits(spec.layer("d2").weightFracBits() - 2)
                .withApproximation(Approximation.poly(5)));
        assertSameAsFull(g, s, data, inc.update(s));
        assertEquals(2, inc.lastRecomputed());
    }
}
