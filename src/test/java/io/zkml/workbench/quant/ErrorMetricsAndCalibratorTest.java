package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMetricsAndCalibratorTest {

    @Test
    void layerMetricsByHand() {
        QuantizedLayer l = new QuantizedLayer("x", new int[0], Shape.flat(4), new Producer.Identity(),
                java.util.List.of(), 2, 16, 0, false);
        // dequantized 0.25, 0.5, -1, 2 vs float 0.25, 0.25, -1.5, 2: errors 0, .25, .5, 0
        LayerError e = ErrorMetrics.layer(l, new long[] {1, 2, -4, 8}, new float[] {0.25f, 0.25f, -1.5f, 2f}, 1);
        assertEquals(0.5, e.maxAbsError(), 1e-12);
        assertEquals(0.1875, e.mae(), 1e-12);
        assertEquals(Math.sqrt((0.0625 + 0.25) / 4), e.rmse(), 1e-12);
        double sig = 0.0625 + 0.0625 + 2.25 + 4;
        assertEquals(10 * Math.log10(sig / 0.3125), e.sqnrDb(), 1e-9);
        assertEquals(0.25, e.saturatedFraction(), 1e-12);
        long total = 0;
        for (long c : e.errorHistogram().counts()) {
            total += c;
        }
        assertEquals(4, total);
        assertEquals(ErrorMetrics.HISTOGRAM_BINS, e.errorHistogram().counts().length);
    }

    @Test
    void regressionAndLabelMetrics() {
        TestGraphs t = new TestGraphs(1);
        String x = t.input(Shape.flat(3));
        t.output("out", x, 3, 1, Activation.IDENTITY, new float[] {0.5f, -0.25f, 1f}, new float[] {0.1f});
        ModelGraph g = t.build("out");
        float[][] data = TestGraphs.randomInputs(2, 100, 3);
        float[][] targets = new float[100][1];
        for (int s = 0; s < 100; s++) {
            targets[s][0] = 0.5f * data[s][0] - 0.25f * data[s][1] + data[s][2] + 0.1f + 0.01f;
        }
        QuantSpec spec = new Calibrator().propose(g, data);
        SimulationResult r = new IntegerSimulator().run(QuantizedGraphBuilder.build(g, spec), data);
        QuantEvaluation e = ErrorMetrics.evaluate(g, r, data, null, targets);
        assertTrue(!e.output().classifier());
        assertEquals(0.01, e.output().maeVsLabels(), 0.002);
        assertTrue(e.output().maeVsFloat() < 0.002, "vs float " + e.output().maeVsFloat());
        assertTrue(Double.isNaN(e.output().argmaxAgreement()));

        ModelGraph cls = TestGraphs.mlp(4, Activation.RELU);
        float[][] in = TestGraphs.randomInputs(8, 300, 20);
        var fi = new io.zkml.workbench.graph.FloatInterpreter(cls);
        int[] labels = new int[in.length];
        for (int s = 0; s < in.length; s++) {
            float[] p = fi.output(in[s]);
            labels[s] = s % 10 == 0 ? (argmax(p) + 1) % 5 : argmax(p); // float is right 90% of the time
        }
        QuantSpec cs = new Calibrator().propose(cls, in);
        SimulationResult cr = new IntegerSimulator().run(QuantizedGraphBuilder.build(cls, cs), in);
        QuantEvaluation ce = ErrorMetrics.evaluate(cls, cr, in, labels, null);
        assertEquals(0.9, ce.output().floatAccuracy(), 1e-9);
        assertEquals(ce.output().floatAccuracy(), ce.output().quantizedAccuracy(), 0.02);
    }

    private static int argmax(float[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    @Test
    void calibratedSpecFollowsTheRule() {
        ModelGraph g = TestGraphs.cnn(21);
        float[][] data = TestGraphs.randomInputs(5, 200, g.inputShape().size());
        QuantSpec spec = new Calibrator().propose(g, data);
        assertEquals(1, spec.version());
        assertTrue(spec.foldBatchNorm());
        assertNull(spec.layer("bn2"), "folded away");
        assertNull(spec.layer("p1"), "max pool keeps its input's scale");
        for (var e : spec.layers().entrySet()) {
            LayerQuant q = e.getValue();
            assertEquals(16, q.activationBits());
            assertEquals(Domain.FIELD, q.domain());
            assertNull(q.biasFracBits());
        }
        // weights use 12 bits: max|w| * 2^f fits 2^11 - 1 but not with one more bit
        QuantizedGraph qg = QuantizedGraphBuilder.build(g, spec);
        for (String name : new String[] {"c1", "c2", "d1", "out"}) {
            long[] w = name.startsWith("c") ? ((Producer.Conv2D) qg.layer(qg.indexOf(name)).producer()).weights()
                    : ((Producer.Dense) qg.layer(qg.indexOf(name)).producer()).weights();
            long max = 0;
            for (long v : w) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= 2047 && max > 1023, name + " max |w_q| " + max);
        }
        // headroom 2: no activation of the calibration set comes within a factor 2 of the bound
        SimulationResult r = new IntegerSimulator().run(qg, data);
        for (int i = 0; i < qg.layers().size(); i++) {
            assertEquals(0, r.saturated()[i], qg.layer(i).name());
        }
    }

    @Test
    void narrowDomainCalibrationFitsTheAccumulator() {
        ModelGraph g = TestGraphs.mlp(11, Activation.RELU);
        float[][] data = TestGraphs.randomInputs(3, 100, 20);
        Calibrator.Options o = new Calibrator.Options(8, 8, 2.0, Domain.I32, Rounding.HALF_UP, Approximation.DEFAULT);
        QuantSpec spec = new Calibrator(o).propose(g, data);
        QuantizedGraph q = QuantizedGraphBuilder.build(g, spec.withInput(spec.inputFracBits(), 8));
        for (QuantizedLayer l : q.layers()) {
            assertTrue(l.accBound() <= Domain.I32.max(), l.name());
        }
        SimulationResult r = new IntegerSimulator().run(q, data);
        assertTrue(r.overflow().isClean(), r.overflow().summary());
        assertEquals(Map.of(), r.overflow().countByLayer());
    }
}
