package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverflowTest {

    private final IntegerSimulator sim = new IntegerSimulator();

    private static ModelGraph oneDense(float w0, float w1) {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.flat(2));
        t.dense("d", x, 2, 1, Activation.IDENTITY, new float[] {w0, w1}, null);
        return t.build("d");
    }

    @Test
    void i8AccumulatorOverflowIsReportedWithLayerNeuronSample() {
        // inputs fit i8 (inputBits 8); 1.5 at frac 4 = 24; sample 1: x_q = 40, product 960 > 127
        QuantSpec spec = QuantSpec.of(2, Map.of("d", LayerQuant.of(4, 2).withDomain(Domain.I8))).withInput(2, 8);
        QuantizedGraph q = QuantizedGraphBuilder.build(oneDense(1.5f, 0.25f), spec);
        SimulationResult r = sim.run(q, new float[][] {{0.5f, 0.5f}, {10f, 0f}});
        OverflowReport rep = r.overflow();
        // the product fails first; the half-up rounding add of the same value (968) fails too
        assertEquals(2, rep.events().size(), rep.summary());
        assertTrue(rep.events().stream().allMatch(ev -> ev.sample() == 1 && ev.neuron() == 0));
        OverflowEvent e = rep.events().get(0);
        assertEquals("d", e.layer());
        assertEquals(OverflowEvent.Kind.DOMAIN_ACCUMULATOR, e.kind());
        assertEquals(0, e.neuron());
        assertEquals(1, e.sample());
        assertEquals(BigInteger.valueOf(960), e.value());
        assertEquals(BigInteger.valueOf(127), e.limit());
        assertEquals(2L, rep.countByLayer().get("d"));
        assertTrue(rep.summary().contains("sample 1"));
    }

    @Test
    void narrowSpecOnCalibratedMlpWarnsInsteadOfThrowing() {
        ModelGraph g = TestGraphs.mlp(11, Activation.RELU);
        float[][] data = TestGraphs.randomInputs(3, 50, 20);
        QuantSpec spec = new Calibrator().propose(g, data);
        QuantSpec narrow = spec.withLayer("d2", spec.layer("d2").withDomain(Domain.I8));
        SimulationResult r = sim.run(QuantizedGraphBuilder.build(g, narrow), data);
        assertFalse(r.overflow().isClean());
        assertTrue(r.overflow().events().stream().allMatch(e -> e.layer().equals("d2")), r.overflow().summary());
        assertTrue(r.overflow().events().size() <= OverflowReport.EVENTS_KEPT_PER_LAYER);
        assertTrue(r.overflow().totalCount() > r.overflow().events().size(), r.overflow().summary() + r.overflow().totalCount());
        OverflowEvent first = r.overflow().events().stream().filter(e -> e.sample() >= 0).findFirst().orElseThrow();
        assertTrue(first.sample() >= 0 && first.neuron() >= 0 && first.neuron() < 16);
        // a 16-bit activation cannot even be cast to i8:
        assertTrue(r.overflow().events().stream().anyMatch(e -> e.kind() == OverflowEvent.Kind.DOMAIN_INPUT
                || e.kind() == OverflowEvent.Kind.PARAMETER));
    }

    @Test
    void weightThatDoesNotFitTheDomainIsAParameterIssue() {
        QuantSpec spec = QuantSpec.of(0, Map.of("d", LayerQuant.of(4, 0).withDomain(Domain.I8))).withInput(0, 8);
        QuantizedGraph q = QuantizedGraphBuilder.build(oneDense(20f, 1f), spec);
        assertEquals(1, q.parameterIssues().size());
        OverflowEvent e = q.parameterIssues().get(0);
        assertEquals(OverflowEvent.Kind.PARAMETER, e.kind());
        assertEquals(-1, e.sample());
        assertEquals(BigInteger.valueOf(320), e.value());
        assertFalse(sim.run(q, new float[][] {{0f, 0f}}).overflow().isClean());
    }

    @Test
    void activationBoundInCheckModeIsReportedAndSaturateModeIsCounted() {
        LayerQuant lq = LayerQuant.of(4, 4).withActivationBits(8);
        ModelGraph g = oneDense(1f, 1f);
        float[][] x = {{1f, 1f}, {5f, 5f}, {-6f, -6f}};
        SimulationResult sat = sim.run(QuantizedGraphBuilder.build(g, QuantSpec.of(4, Map.of("d", lq))), x);
        assertTrue(sat.overflow().isClean());
        assertEquals(2, sat.saturated()[1]);
        assertEquals(127, sat.values(1)[1]);   // 10.0 * 16 = 160 -> clamped to 127
        assertEquals(-128, sat.values(1)[2]);
        SimulationResult chk = sim.run(QuantizedGraphBuilder.build(g,
                QuantSpec.of(4, Map.of("d", lq.withBoundMode(BoundMode.CHECK)))), x);
        assertEquals(2, chk.overflow().events().size());
        OverflowEvent e = chk.overflow().events().get(0);
        assertEquals(OverflowEvent.Kind.ACTIVATION_BOUND, e.kind());
        assertEquals(1, e.sample());
        assertEquals(BigInteger.valueOf(160), e.value());
    }

    @Test
    void valuesBeyond64BitsAreReportedNotWrapped() {
        QuantSpec spec = QuantSpec.of(40, Map.of("d", LayerQuant.of(40, 30))).withInput(40, 48);
        QuantizedGraph q = QuantizedGraphBuilder.build(oneDense(1000f, 1000f), spec);
        SimulationResult r = sim.run(q, new float[][] {{100f, 100f}});
        assertEquals(OverflowEvent.Kind.SIMULATOR_RANGE, r.overflow().events().get(0).kind());
    }
}
