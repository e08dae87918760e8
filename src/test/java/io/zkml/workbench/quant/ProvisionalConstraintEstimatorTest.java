package io.zkml.workbench.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provisional formula, checked by hand on a two-layer network. */
class ProvisionalConstraintEstimatorTest {

    private static ModelGraph net() {
        TestGraphs t = new TestGraphs(1);
        String in = t.input(Shape.flat(2));
        // W is [nIn][nOut]: neuron 0 reads (0.5, -0.25), neuron 1 reads (0.125, 1).
        String d1 = t.dense("d1", in, 2, 2, Activation.RELU, new float[] {0.5f, 0.125f, -0.25f, 1f}, null);
        t.output("out", d1, 2, 3, Activation.SOFTMAX, new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, null);
        return t.build("out");
    }

    private static QuantSpec spec(Domain d1Domain) {
        Map<String, LayerQuant> m = new LinkedHashMap<>();
        m.put("d1", LayerQuant.of(8, 8).withDomain(d1Domain));
        m.put("out", LayerQuant.of(8, 8));
        return QuantSpec.of(8, m);
    }

    @Test
    void handComputedTotal() {
        ConstraintEstimate e = new ProvisionalConstraintEstimator()
                .estimate(QuantizedGraphBuilder.build(net(), spec(Domain.FIELD)));
        // input: 2 values x 2 x select(16) = 2 x 2 x 25 = 100
        // d1: accBound = (128 + 256... row |W| max 288) x 2^15 < 2^24 -> A = T(25) = 32;
        //     per value cast(32) 101.6 + shr 5 + add(32) 35 + clamp 2 x select(32) 100 + ReLU select(16) 25
        //     = 266.6, x 2 = 533.2
        // out: accBound = 256 x 2^15 = 2^23 -> A = 32; per value 141.6 + 100 = 241.6, x 3 = 724.8;
        //      argmax 2 x (select(16) + 10) = 70 -> 794.8
        assertEquals(100, e.layers().get(0).constraints());
        assertEquals(533, e.layers().get(1).constraints());
        assertEquals(795, e.layers().get(2).constraints());
        assertEquals(11_700 + 100 + 533 + 795, e.total());
        assertEquals("provisional-v1", e.estimator());
    }

    @Test
    void checkedIntegerArithmeticCostsMoreThanTheFieldPerMultiplyAccumulate() {
        ProvisionalConstraintEstimator est = new ProvisionalConstraintEstimator();
        long field = est.estimate(QuantizedGraphBuilder.build(net(), spec(Domain.FIELD))).total();
        long i32 = est.estimate(QuantizedGraphBuilder.build(net(), spec(Domain.I32))).total();
        long i64 = est.estimate(QuantizedGraphBuilder.build(net(), spec(Domain.I64))).total();
        assertTrue(field < i32 && i32 < i64, field + " " + i32 + " " + i64);
    }

    @Test
    void narrowerActivationsAreCheaperOnlyAcrossTypeBoundaries() {
        ProvisionalConstraintEstimator est = new ProvisionalConstraintEstimator();
        QuantSpec s16 = spec(Domain.FIELD);
        QuantSpec s12 = s16.withLayer("d1", s16.layer("d1").withActivationBits(12));
        QuantSpec s8 = s16.withLayer("d1", s16.layer("d1").withActivationBits(8).withActivationFracBits(4));
        long c16 = est.estimate(QuantizedGraphBuilder.build(net(), s16)).total();
        long c12 = est.estimate(QuantizedGraphBuilder.build(net(), s12)).total();
        long c8 = est.estimate(QuantizedGraphBuilder.build(net(), s8)).total();
        // 12 bits still live in an i16 and leave the next accumulator in an i32: no saving.
        assertEquals(c16, c12);
        // 8 bits fit an i8 (cheaper ReLU) and shrink the next layer's accumulator bound.
        assertTrue(c8 < c12, c8 + " " + c12);
    }
}
