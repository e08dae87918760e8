package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which integer steps each node becomes under a {@link QuantSpec}: quantizes the
 * parameters, derives every shift, bound and table, and returns them as a {@link QuantizedGraph}.
 * Every linear-type layer is: producer at scale (weight frac + input frac) → requantize to the
 * output frac → clamp to signed B bits → activation at the output frac.
 */
public final class QuantizedGraphBuilder {

    /** Fractional bits of a LeakyReLU alpha that is not a power of two. */
    public static final int ALPHA_FRAC_BITS = 16;
    /** Fractional bits of HardSigmoid's 0.2 slope. */
    public static final int HARD_SIGMOID_SLOPE_FRAC_BITS = 16;
    /** Parameter issues kept per layer; the rest of the report is left for the run's own events. */
    static final int PARAMETER_EVENTS_KEPT = 5;
    /** Largest shift the builder allows; keeps every shift inside a 64-bit word. */
    public static final int MAX_SHIFT = 62;

    private final ModelGraph graph;
    private final QuantSpec spec;
    private final Map<String, Integer> index;
    private final List<QuantizedLayer> layers = new ArrayList<>();
    private final List<OverflowEvent> issues = new ArrayList<>();

    private QuantizedGraphBuilder(ModelGraph graph, QuantSpec spec) {
        this.graph = graph;
        this.spec = spec;
        this.index = graph.indexByName();
    }

    /** The float graph the quantized program mirrors: BatchNorm folded when the spec asks for it. */
    public static ModelGraph prepare(ModelGraph graph, QuantSpec spec) {
        return spec.foldBatchNorm() ? BatchNormFolding.fold(graph) : graph;
    }

    /** Builds the integer program for {@code prepare(graph, spec)}. */
    public static QuantizedGraph build(ModelGraph graph, QuantSpec spec) {
        ModelGraph g = prepare(graph, spec);
        QuantizedGraphBuilder b = new QuantizedGraphBuilder(g, spec);
        for (Node n : g.nodes()) {
            b.layers.add(b.layer(n));
        }
        return new QuantizedGraph(g.name(), b.layers, g.indexOf(g.outputs().get(0)), b.issues);
    }

    private QuantizedLayer layer(Node n) {
        LayerOp op = n.op();
        int[] ins = n.inputs().stream().mapToInt(index::get).toArray();
        QuantizedGraphBuilder b = this;
        // A visitor, so a new op does not compile until it has integer semantics here.
        return op.accept(new LayerOp.Visitor<QuantizedLayer>() {
            @Override
            public QuantizedLayer input(LayerOp.Input i) {
                return new QuantizedLayer(n.name(), ins, n.outputShape(), new Producer.QuantizeInput(spec.inputFracBits()),
                        List.of(clamp(spec.inputBits(), BoundMode.SATURATE)), spec.inputFracBits(), spec.inputBits(), 0,
                        false);
            }

            @Override
            public QuantizedLayer dense(LayerOp.Dense d) {
                return b.dense(n, ins, d.nIn(), d.nOut(), d.hasBias(), d.activation());
            }

            @Override
            public QuantizedLayer output(LayerOp.Output o) {
                return b.dense(n, ins, o.nIn(), o.nOut(), o.hasBias(), o.activation());
            }

            @Override
            public QuantizedLayer conv2d(LayerOp.Conv2D c) {
                return conv(n, ins, c);
            }

            @Override
            public QuantizedLayer pool2d(LayerOp.Pool2D p) {
                return pool(n, ins, p);
            }

            @Override
            public QuantizedLayer batchNorm(LayerOp.BatchNorm bn) {
                return affine(n, ins);
            }

            @Override
            public QuantizedLayer act(LayerOp.Act a) {
                LayerQuant q = require(n);
                QuantizedLayer in = layers.get(ins[0]);
                return withPost(n, ins, new Producer.Identity(), q, in.fracBits(), a.activation(), 0);
            }

            @Override
            public QuantizedLayer flatten(LayerOp.Flatten f) {
                return identity();
            }

            @Override
            public QuantizedLayer reshape(LayerOp.Reshape r) {
                return identity();
            }

            @Override
            public QuantizedLayer add(LayerOp.ElementwiseAdd a) {
                return b.add(n, ins);
            }

            @Override
            public QuantizedLayer dropout(LayerOp.Dropout d) {
                return identity();
            }

            /** Flatten, Reshape and Dropout move no value: the input's integers, scale and width. */
            private QuantizedLayer identity() {
                QuantizedLayer in = layers.get(ins[0]);
                return new QuantizedLayer(n.name(), ins, n.outputShape(), new Producer.Identity(), List.of(),
                        in.fracBits(), in.bits(), 0, false);
            }
        });
    }

    private LayerQuant require(Node n) {
        LayerQuant q = spec.layer(n.name());
        if (q == null) {
            throw new IllegalArgumentException("quantization spec has no entry for node " + n.name()
                    + " (" + n.typeName() + ")");
        }
        return q;
    }

    private QuantizedLayer dense(Node n, int[] ins, int nIn, int nOut, boolean hasBias, Activation act) {
        LayerQuant q = require(n);
        QuantizedLayer in = layers.get(ins[0]);
        float[] w = n.requireParam("W").toArray();
        long[] wq = new long[w.length];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < nIn; i++) {
                wq[o * nIn + i] = IntegerSemantics.quantize(w[i * nOut + o], q.weightFracBits());
            }
        }
        long[] bq = bias(n, hasBias, nOut, q, in.fracBits());
        checkParams(n.name(), wq, bq, q.domain());
        double bound = accBound(wq, bq, nIn, in.bits());
        Producer p = new Producer.Dense(nIn, nOut, wq, bq, q.domain());
        return withPost(n, ins, p, q, q.weightFracBits() + in.fracBits(), act, bound);
    }

    private QuantizedLayer conv(Node n, int[] ins, LayerOp.Conv2D c) {
        LayerQuant q = require(n);
        QuantizedLayer in = layers.get(ins[0]);
        Shape is = graph.node(n.inputs().get(0)).outputShape();
        Shape os = n.outputShape();
        float[] w = n.requireParam("W").toArray();
        long[] wq = new long[w.length];
        for (int k = 0; k < w.length; k++) {
            wq[k] = IntegerSemantics.quantize(w[k], q.weightFracBits());
        }
        long[] bq = bias(n, c.hasBias(), c.outChannels(), q, in.fracBits());
        checkParams(n.name(), wq, bq, q.domain());
        double bound = accBound(wq, bq, w.length / c.outChannels(), in.bits());
        int padTop = c.padding().outputAndPadBefore(is.height(), c.kernelH(), c.strideH(), true)[1];
        int padLeft = c.padding().outputAndPadBefore(is.width(), c.kernelW(), c.strideW(), false)[1];
        Producer p = new Producer.Conv2D(is.channels(), is.height(), is.width(), c.outChannels(), os.height(),
                os.width(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), padTop, padLeft, wq, bq, q.domain());
        return withPost(n, ins, p, q, q.weightFracBits() + in.fracBits(), c.activation(), bound);
    }

    private QuantizedLayer affine(Node n, int[] ins) {
        LayerQuant q = require(n);
        QuantizedLayer in = layers.get(ins[0]);
        float[] gamma = n.requireParam("gamma").toArray();
        float[] beta = n.requireParam("beta").toArray();
        float[] mean = n.requireParam("mean").toArray();
        float[] std = n.requireParam("std").toArray();
        int accFrac = q.weightFracBits() + in.fracBits();
        long[] scale = new long[gamma.length];
        long[] offset = new long[gamma.length];
        double bound = 0;
        for (int f = 0; f < gamma.length; f++) {
            double s = (double) gamma[f] / std[f];
            scale[f] = IntegerSemantics.quantize(s, q.weightFracBits());
            offset[f] = IntegerSemantics.quantize(beta[f] - mean[f] * s, accFrac);
            bound = Math.max(bound, Math.abs((double) scale[f]) * IntegerSemantics.pow2(in.bits() - 1)
                    + Math.abs((double) offset[f]));
        }
        checkParams(n.name(), scale, offset, q.domain());
        Producer p = new Producer.Affine(n.outputShape().size() / gamma.length, scale, offset, q.domain());
        return withPost(n, ins, p, q, accFrac, Activation.IDENTITY, bound);
    }

    private QuantizedLayer pool(Node n, int[] ins, LayerOp.Pool2D p) {
        QuantizedLayer in = layers.get(ins[0]);
        Shape is = graph.node(n.inputs().get(0)).outputShape();
        Shape os = n.outputShape();
        int padTop = p.padding().outputAndPadBefore(is.height(), p.kernelH(), p.strideH(), true)[1];
        int padLeft = p.padding().outputAndPadBefore(is.width(), p.kernelW(), p.strideW(), false)[1];
        LayerQuant q = spec.layer(n.name());
        Rounding rounding = q == null ? Rounding.HALF_UP : q.rounding();
        Producer prod;
        double bound;
        if (p.kind() == LayerOp.PoolKind.MAX) {
            prod = new Producer.MaxPool(is.channels(), is.height(), is.width(), os.height(), os.width(),
                    p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), padTop, padLeft);
            bound = IntegerSemantics.pow2(in.bits() - 1);
        } else {
            int window = p.kernelH() * p.kernelW();
            // Enough reciprocal bits that a non-power-of-two divisor is off by far less than one unit.
            int rb = Math.min(in.bits() + 8 + ceilLog2(window), MAX_SHIFT - in.bits() - ceilLog2(window) - 1);
            long[] recip = new long[window + 1];
            for (int c = 1; c <= window; c++) {
                recip[c] = IntegerSemantics.quantize(1.0 / c, rb);
            }
            prod = new Producer.AvgPool(is.channels(), is.height(), is.width(), os.height(), os.width(),
                    p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), padTop, padLeft, p.padIncludedInAverage(),
                    recip, rb, rounding);
            bound = window * IntegerSemantics.pow2(in.bits() - 1) * recip[1];
        }
        if (q == null) {
            // Max and average never leave the input's range, so scale and width carry over.
            return new QuantizedLayer(n.name(), ins, os, prod, List.of(), in.fracBits(), in.bits(), bound, false);
        }
        // A pool's requantization runs in the field whatever the entry's domain: the average is a
        // field sum and a maximum needs no arithmetic, so there is no integer domain to overflow.
        return withPost(n, ins, prod, q.withDomain(Domain.FIELD), in.fracBits(), Activation.IDENTITY, bound);
    }

    private QuantizedLayer add(Node n, int[] ins) {
        LayerQuant q = require(n);
        int common = Integer.MIN_VALUE;
        for (int i : ins) {
            common = Math.max(common, layers.get(i).fracBits());
        }
        int[] shifts = new int[ins.length];
        double bound = 0;
        for (int k = 0; k < ins.length; k++) {
            QuantizedLayer in = layers.get(ins[k]);
            shifts[k] = common - in.fracBits();
            bound += IntegerSemantics.pow2(in.bits() - 1 + shifts[k]);
        }
        return withPost(n, ins, new Producer.Add(shifts, q.domain()), q, common, Activation.IDENTITY, bound);
    }

    private QuantizedLayer withPost(Node n, int[] ins, Producer p, LayerQuant q, int naturalFrac, Activation act,
                                    double accBound) {
        List<Step> steps = new ArrayList<>();
        int fo = q.activationFracBits();
        int shift = naturalFrac - fo;
        if (Math.abs(shift) > MAX_SHIFT) {
            // A legal spec the simulator's 64-bit words cannot requantize (2^63 is no long): refused by layer, with
            // the change that fixes it, as the lowering refuses ranges it cannot hold (the differential generator
            // found one: seed 1,660,867, a 48-bit input at 46 frac bits into 14-bit weights and -3 activation bits).
            throw new UnrepresentableRangeException(n.name(), "requantizing from " + naturalFrac
                    + " fractional bits to the activation's " + fo + " is a shift of " + Math.abs(shift) + " bits, beyond the "
                    + MAX_SHIFT + " of the simulator's 64-bit words", shift > 0
                    ? "raise this layer's activation frac bits, or lower the frac bits of what it sums (its weights' or its inputs')"
                    : "lower this layer's activation frac bits, or raise the frac bits of what it sums (its weights' or its inputs')");
        }
        if (shift != 0) {
            steps.add(new Step.Requant(shift, q.rounding(), q.domain()));
        }
        steps.add(clamp(q.activationBits(), q.boundMode()));
        boolean argmax = false;
        switch (act.kind()) {
            case IDENTITY -> { }
            case RELU -> steps.add(new Step.Relu());
            case LEAKY_RELU -> steps.add(leaky(n, act.alpha(), q.rounding()));
            case HARD_TANH -> {
                requireOne(n, q);
                steps.add(new Step.HardTanh(1L << fo));
            }
            case HARD_SIGMOID -> {
                requireOne(n, q);
                int s = HARD_SIGMOID_SLOPE_FRAC_BITS;
                steps.add(new Step.HardSigmoid(IntegerSemantics.quantize(0.2, s), s, 1L << (fo + s - 1), 1L << fo,
                        q.rounding()));
            }
            case SIGMOID, TANH -> {
                requireOne(n, q);
                steps.add(ActivationApprox.build(act.kind(), q.approximation(), fo, q.rounding()));
            }
            case SOFTMAX -> {
                if (!graph.outputs().contains(n.name())) {
                    throw new IllegalArgumentException("node " + n.name()
                            + ": softmax is only supported on an output node (it is replaced by argmax or logits)");
                }
                argmax = q.outputMode() == OutputMode.ARGMAX;
            }
        }
        return new QuantizedLayer(n.name(), ins, n.outputShape(), p, steps, fo, q.activationBits(), accBound, argmax);
    }

    private static Step leaky(Node n, double alpha, Rounding r) {
        if (alpha < 0 || alpha > 1) {
            throw new IllegalArgumentException("node " + n.name() + ": LeakyReLU alpha " + alpha
                    + " is outside [0, 1]");
        }
        if (alpha == 0) {
            return new Step.Relu();
        }
        int m = -Math.getExponent(alpha);
        if (IntegerSemantics.pow2(-m) == alpha && m <= MAX_SHIFT) {
            return new Step.LeakyShift(m, r);
        }
        return new Step.LeakyMul(IntegerSemantics.quantize(alpha, ALPHA_FRAC_BITS), ALPHA_FRAC_BITS, r);
    }

    /** Bounded activations output 1.0 = 2^f, which must be a positive value that fits B bits. */
    private static void requireOne(Node n, LayerQuant q) {
        if (q.activationFracBits() < 0 || q.activationFracBits() > q.activationBits() - 2) {
            throw new IllegalArgumentException("node " + n.name() + ": activationFracBits "
                    + q.activationFracBits() + " must be 0.." + (q.activationBits() - 2)
                    + " so that 1.0 fits in " + q.activationBits() + " bits");
        }
    }

    private static Step.Clamp clamp(int bits, BoundMode mode) {
        return new Step.Clamp(-(1L << (bits - 1)), (1L << (bits - 1)) - 1, mode);
    }

    private static long[] bias(Node n, boolean hasBias, int count, LayerQuant q, int inFrac) {
        long[] out = new long[count];
        if (!hasBias) {
            return out;
        }
        float[] b = n.requireParam("b").toArray();
        int fb = q.effectiveBiasFracBits(inFrac);
        int accFrac = q.weightFracBits() + inFrac;
        for (int o = 0; o < count; o++) {
            // Bias is a constant: quantized at its own scale, then moved to the accumulator scale
            // (exactly, or rounded half-up when it was given more bits than the accumulator has).
            long v = IntegerSemantics.quantize(b[o], fb);
            out[o] = IntegerSemantics.shiftRound(v, fb - accFrac, Rounding.HALF_UP);
        }
        return out;
    }

    private void checkParams(String layer, long[] w, long[] b, Domain d) {
        if (!d.isNarrowInteger()) {
            return;
        }
        int reported = 0;
        for (int k = 0; k < w.length + b.length && reported < PARAMETER_EVENTS_KEPT; k++) {
            long v = k < w.length ? w[k] : b[k - w.length];
            if (v < d.min() || v > d.max()) {
                issues.add(new OverflowEvent(layer, OverflowEvent.Kind.PARAMETER, k, -1, BigInteger.valueOf(v),
                        BigInteger.valueOf(v < 0 ? d.min() : d.max())));
                reported++;
            }
        }
    }

    private static double accBound(long[] w, long[] b, int fanIn, int inBits) {
        double xMax = IntegerSemantics.pow2(inBits - 1);
        double worst = 0;
        for (int o = 0; o < b.length; o++) {
            double s = Math.abs((double) b[o]);
            for (int i = 0; i < fanIn; i++) {
                s += Math.abs((double) w[o * fanIn + i]) * xMax;
            }
            worst = Math.max(worst, s);
        }
        return worst;
    }

    private static int ceilLog2(int v) {
        return 32 - Integer.numberOfLeadingZeros(v - 1);
    }
}
