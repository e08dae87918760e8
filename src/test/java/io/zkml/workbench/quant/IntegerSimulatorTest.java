package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed cases: every expected integer below is worked out in the comment next to it. */
class IntegerSimulatorTest {

    private final IntegerSimulator sim = new IntegerSimulator();

    private static QuantSpec spec(int inFrac, Map<String, LayerQuant> layers) {
        return QuantSpec.of(inFrac, layers);
    }

    @Test
    void twoInputDense() {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.flat(2));
        // W is DL4J's [nIn, nOut]: W[0][0]=0.75 W[0][1]=-0.5 W[1][0]=0.25 W[1][1]=1.0
        t.dense("d", x, 2, 2, Activation.IDENTITY, new float[] {0.75f, -0.5f, 0.25f, 1.0f},
                new float[] {0.125f, -0.0625f});
        ModelGraph g = t.build("d");
        QuantizedGraph q = QuantizedGraphBuilder.build(g, spec(4, Map.of("d", LayerQuant.of(4, 4))));
        var d = (Producer.Dense) q.layer(1).producer();
        assertArrayEquals(new long[] {12, 4, -8, 16}, d.weights(), "transposed to [nOut][nIn], scale 2^4");
        assertArrayEquals(new long[] {32, -16}, d.bias(), "bias at scale 2^(4+4)");
        SimulationResult r = sim.run(q, new float[][] {{0.5f, -1.25f}});
        // x_q = [8, -20]; acc0 = 32 + 12*8 + 4*(-20) = 48 -> (48+8)>>4 = 3   (0.1875 * 16)
        // acc1 = -16 + (-8)*8 + 16*(-20) = -400 -> (-400+8)>>4 = -25         (-1.5625 * 16)
        assertArrayEquals(new long[] {8, -20}, r.values(0));
        assertArrayEquals(new long[] {3, -25}, r.values(1));
        assertTrue(r.overflow().isClean());
    }

    @Test
    void floorAndHalfUpDifferOnNegativeHalves() {
        assertEquals(-2, IntegerSemantics.shiftRound(-24, 4, Rounding.FLOOR));   // -1.5 -> -2
        assertEquals(-1, IntegerSemantics.shiftRound(-24, 4, Rounding.HALF_UP)); // -1.5 -> -1 (ties up)
        assertEquals(-2, IntegerSemantics.shiftRound(-23, 4, Rounding.FLOOR));   // -1.4375
        assertEquals(-1, IntegerSemantics.shiftRound(-23, 4, Rounding.HALF_UP));
        assertEquals(-2, IntegerSemantics.shiftRound(-25, 4, Rounding.HALF_UP)); // -1.5625
        assertEquals(2, IntegerSemantics.shiftRound(24, 4, Rounding.HALF_UP));   // 1.5 -> 2
        assertEquals(1, IntegerSemantics.shiftRound(24, 4, Rounding.FLOOR));
        assertEquals(-48, IntegerSemantics.shiftRound(-3, -4, Rounding.FLOOR));  // left shift is exact

        for (Rounding rounding : Rounding.values()) {
            TestGraphs t = new TestGraphs(0);
            String x = t.input(Shape.flat(1));
            t.dense("d", x, 1, 1, Activation.IDENTITY, new float[] {1f}, null);
            QuantizedGraph q = QuantizedGraphBuilder.build(t.build("d"),
                    spec(4, Map.of("d", LayerQuant.of(0, 0).withRounding(rounding))));
            long y = sim.run(q, new float[][] {{-1.5f}}).values(1)[0];
            assertEquals(rounding == Rounding.FLOOR ? -2 : -1, y, rounding.name());
        }
    }

    private long[] act(Activation a, Rounding rounding, float... xs) {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.flat(xs.length));
        t.simple("a", new LayerOp.Act(a), Shape.flat(xs.length), x);
        QuantizedGraph q = QuantizedGraphBuilder.build(t.build("a"),
                spec(8, Map.of("a", LayerQuant.of(0, 8).withRounding(rounding))));
        return sim.run(q, new float[][] {xs}).values(1);
    }

    @Test
    void reluAndLeakyRelu() {
        assertArrayEquals(new long[] {0, 64, 768}, act(Activation.RELU, Rounding.HALF_UP, -1.5f, 0.25f, 3f));
        // alpha 0.25 = 2^-2 -> shift: -384 -> -96; -3 -> (-3+2)>>2 = -1 (half-up), -3>>2 = -1 (floor)
        assertArrayEquals(new long[] {-96, -1, 40}, act(Activation.leakyRelu(0.25), Rounding.HALF_UP,
                -1.5f, -3f / 256, 40f / 256));
        // -5 * 0.25 = -1.25: half-up (-5+2)>>2 = -1, floor -5>>2 = -2
        assertArrayEquals(new long[] {-1}, act(Activation.leakyRelu(0.25), Rounding.HALF_UP, -5f / 256));
        assertArrayEquals(new long[] {-2}, act(Activation.leakyRelu(0.25), Rounding.FLOOR, -5f / 256));
        // alpha 0.1 -> 6554 / 2^16: -384 * 6554 = -2516736, (+32768) >> 16 = -38  (float: -38.4)
        assertArrayEquals(new long[] {-38, 100}, act(Activation.leakyRelu(0.1), Rounding.HALF_UP,
                -1.5f, 100f / 256));
    }

    @Test
    void hardTanhAndHardSigmoid() {
        assertArrayEquals(new long[] {-256, 128, 256}, act(Activation.HARD_TANH, Rounding.HALF_UP, -3f, 0.5f, 2f));
        // slope round(0.2 * 2^16) = 13107, half = 2^(8+15):
        // 0 -> (8388608 + 32768) >> 16 = 128; 256 -> (3355392 + 8388608 + 32768) >> 16 = 179 (float 179.2)
        // 3.0 -> 1.1 -> clamp 256; -3.0 -> -0.1 -> clamp 0
        assertArrayEquals(new long[] {128, 179, 256, 0}, act(Activation.HARD_SIGMOID, Rounding.HALF_UP,
                0f, 1f, 3f, -3f));
    }

    @Test
    void sigmoidAndTanhApproximationsAreClose() {
        for (Activation.Kind k : new Activation.Kind[] {Activation.Kind.SIGMOID, Activation.Kind.TANH}) {
            Step pwl = ActivationApprox.build(k, Approximation.piecewiseLinear(32), 12, Rounding.HALF_UP);
            double e = ActivationApprox.maxAbsError(k, pwl, 12);
            assertTrue(e < 0.01, k + " pwl32 error " + e);
            Step coarse = ActivationApprox.build(k, Approximation.piecewiseLinear(4), 12, Rounding.HALF_UP);
            assertTrue(ActivationApprox.maxAbsError(k, coarse, 12) > e, "fewer segments, larger error");
            Step poly = ActivationApprox.build(k, Approximation.poly(7), 12, Rounding.HALF_UP);
            double ep = ActivationApprox.maxAbsError(k, poly, 12);
            // least squares over the whole range is much worse than pwl for tanh (~0.064 at degree 7)
            assertTrue(ep < 0.08, k + " poly7 error " + ep);
        }
        // exact breakpoint: sigmoid(0) = 0.5 -> 128 at frac 8; far out saturates to the end values
        long[] s = act(Activation.SIGMOID, Rounding.HALF_UP, 0f, 20f, -20f);
        assertEquals(128, s[0]);
        assertEquals(Math.round(256 / (1 + Math.exp(-8))), s[1]);
        assertEquals(0, s[2]);
    }

    private SimulationResult pool(LayerOp.PoolKind kind, int k, int stride, Padding pad, boolean padInAvg,
                                  float[] image, int h, int w) {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.chw(1, h, w));
        t.pool("p", x, t.shapeOf(x), kind, k, stride, pad, padInAvg);
        QuantizedGraph q = QuantizedGraphBuilder.build(t.build("p"), spec(0, Map.of()));
        return sim.run(q, new float[][] {image});
    }

    @Test
    void maxAndAvgPool() {
        float[] img = {
            1, 2, -1, -2,
            5, 6, -5, -6,
            0, 0, 7, 7,
            0, 1, 7, 8};
        assertArrayEquals(new long[] {6, -1, 1, 8},
                pool(LayerOp.PoolKind.MAX, 2, 2, Padding.NONE, false, img, 4, 4).values(1));
        // sums 14, -14, 1, 29 over 4 -> 3.5 -> 4, -3.5 -> -3 (half-up), 0.25 -> 0, 7.25 -> 7
        assertArrayEquals(new long[] {4, -3, 0, 7},
                pool(LayerOp.PoolKind.AVG, 2, 2, Padding.NONE, false, img, 4, 4).values(1));

        // 3x3 SAME: corners average 4 values, edges 6, centre 9; every result = floor(sum/count + 1/2)
        float[] img3 = {10, 20, 30, 40, 50, 60, 70, 80, 91};
        long[] got = pool(LayerOp.PoolKind.AVG, 3, 1, Padding.SAME, false, img3, 3, 3).values(1);
        long[] gotPadded = pool(LayerOp.PoolKind.AVG, 3, 1, Padding.SAME, true, img3, 3, 3).values(1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                int n = 0;
                for (int r = i - 1; r <= i + 1; r++) {
                    for (int c = j - 1; c <= j + 1; c++) {
                        if (r >= 0 && r < 3 && c >= 0 && c < 3) {
                            sum += img3[r * 3 + c];
                            n++;
                        }
                    }
                }
                assertEquals((long) Math.floor(sum / n + 0.5), got[i * 3 + j], "avg at " + i + "," + j);
                assertEquals((long) Math.floor(sum / 9 + 0.5), gotPadded[i * 3 + j], "padded avg at " + i + "," + j);
            }
        }
    }

    @Test
    void convWithPadding() {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.chw(1, 3, 3));
        float[] ones = new float[9];
        java.util.Arrays.fill(ones, 1f);
        t.conv("c", x, t.shapeOf(x), 1, 3, 1, Padding.explicit(1, 1), Activation.IDENTITY, ones, new float[] {0.5f});
        QuantizedGraph q = QuantizedGraphBuilder.build(t.build("c"), spec(0, Map.of("c", LayerQuant.of(1, 0))));
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // weights 1.0 -> 2 at frac 1, bias 0.5 -> 1 at frac 1; acc = 1 + 2*sum(neighbourhood); >> 1 half-up
        // corner (0,0): sum 1+2+4+5 = 12 -> acc 25 -> 13 (12.5 rounds up); centre: 45 -> 91 -> 46
        long[] y = sim.run(q, new float[][] {img}).values(1);
        assertArrayEquals(new long[] {13, 22, 17, 28, 46, 34, 25, 40, 29}, y);

        // stride 2, SAME, two input channels: compare against the float reference at fine scale
        TestGraphs t2 = new TestGraphs(4);
        String x2 = t2.input(Shape.chw(2, 5, 5));
        t2.conv("c", x2, t2.shapeOf(x2), 3, 3, 2, Padding.SAME, Activation.IDENTITY, t2.weights(54, 18),
                t2.uniform(3, -1, 1));
        ModelGraph g = t2.build("c");
        QuantizedGraph q2 = QuantizedGraphBuilder.build(g, spec(12, Map.of("c", LayerQuant.of(14, 12))));
        float[][] in = TestGraphs.randomInputs(1, 5, 50);
        SimulationResult r = sim.run(q2, in);
        var fi = new io.zkml.workbench.graph.FloatInterpreter(g);
        for (int s = 0; s < in.length; s++) {
            float[] f = fi.output(in[s]);
            double[] d = r.dequantizedRow(1, s);
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i], d[i], 0.01, "sample " + s + " neuron " + i);
            }
        }
    }

    @Test
    void elementwiseAddAlignsScales() {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.flat(1));
        String a = t.dense("a", x, 1, 1, Activation.IDENTITY, new float[] {1f}, null);
        String b = t.dense("b", x, 1, 1, Activation.IDENTITY, new float[] {-0.5f}, null);
        t.simple("sum", new LayerOp.ElementwiseAdd(), Shape.flat(1), a, b);
        QuantizedGraph q = QuantizedGraphBuilder.build(t.build("sum"), spec(4, Map.of(
                "a", LayerQuant.of(0, 2), "b", LayerQuant.of(1, 4), "sum", LayerQuant.of(0, 3))));
        // x = 0.8125 -> 13; a: 13 at frac 4 -> (13+2)>>2 = 3 (frac 2); b: -13 at frac 5 -> (-13+1)>>1 = -6 (frac 4)
        // sum: 3<<2 + -6 = 6 at frac 4 -> (6+1)>>1 = 3 at frac 3
        long[] y = sim.run(q, new float[][] {{0.8125f}}).values(3);
        assertArrayEquals(new long[] {3}, y);
        assertArrayEquals(new int[] {2, 0}, ((Producer.Add) q.layer(3).producer()).leftShift());
    }

    @Test
    void softmaxBecomesArgmaxWithTiesToLowestIndex() {
        TestGraphs t = new TestGraphs(0);
        String x = t.input(Shape.flat(1));
        t.output("out", x, 1, 3, Activation.SOFTMAX, new float[] {1f, 1f, -1f}, null);
        ModelGraph g = t.build("out");
        QuantizedGraph q = QuantizedGraphBuilder.build(g, spec(4, Map.of("out", LayerQuant.of(2, 4))));
        SimulationResult r = sim.run(q, new float[][] {{0.5f}, {-0.5f}});
        assertArrayEquals(new int[] {0, 2}, r.predictions());
        QuantizedGraph logits = QuantizedGraphBuilder.build(g, spec(4,
                Map.of("out", LayerQuant.of(2, 4).withOutputMode(OutputMode.LOGITS))));
        SimulationResult rl = sim.run(logits, new float[][] {{0.5f}});
        assertEquals(null, rl.predictions());
        assertArrayEquals(new long[] {8, 8, -8}, rl.values(1));
    }

    @Test
    void inputIsQuantizedHalfUpAndSaturated() {
        TestGraphs t = new TestGraphs(0);
        t.input(Shape.flat(4));
        QuantizedGraph q = QuantizedGraphBuilder.build(t.build("in"),
                QuantSpec.of(2, Map.of()).withInput(2, 8));
        // 0.375*4 = 1.5 -> 2; -0.375*4 = -1.5 -> -1; 100*4 -> 127; -100*4 -> -128
        SimulationResult r = sim.run(q, new float[][] {{0.375f, -0.375f, 100f, -100f}});
        assertArrayEquals(new long[] {2, -1, 127, -128}, r.values(0));
        assertEquals(2, r.saturated()[0]);
    }
}
