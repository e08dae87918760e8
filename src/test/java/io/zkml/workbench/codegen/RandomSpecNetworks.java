package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.BoundMode;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.Rounding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The differential generator's inputs: a seeded random network (Dense with fan-ins 1-64, Conv2D,
 * max/average pools, unfolded BatchNorm, residual Add, stand-alone activations, Dropout, every
 * activation and approximation, softmax output as argmax or logits, Sigmoid/identity outputs)
 * with a random <em>legal</em> spec: activation widths 2-48, fractional bits in the ranges the
 * spec allows (bounded activations 0..B-2), every domain, both roundings and bound modes.
 * Unlike {@link RandomNetworks} (fixed 8/8 specs), the spec is the point here: it is what
 * found the offset-form bugs of issue #17.
 */
final class RandomSpecNetworks {

    /** One generated case. */
    record Case(long seed, String description, ModelGraph graph, QuantSpec spec, int inputSize) {
        /** Inputs at several magnitudes, so that clamps saturate and small widths overflow sometimes. */
        float[][] inputs(int n) {
            Random r = new Random(seed * 7919 + 11);
            float[][] x = new float[n][inputSize];
            for (int s = 0; s < n; s++) {
                double scale = s % 4 == 3 ? 20 : s % 4 == 2 ? 4 : 1;
                for (int i = 0; i < inputSize; i++) {
                    x[s][i] = (float) (r.nextGaussian() * scale);
                }
            }
            return x;
        }
    }

    private final Random r;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, LayerQuant> layers = new LinkedHashMap<>();
    private final StringBuilder d = new StringBuilder();
    private Shape shape;
    private String last;
    private int count;

    private RandomSpecNetworks(long seed) {
        r = new Random(seed);
    }

    static Case generate(long seed) {
        return new RandomSpecNetworks(seed).build(seed);
    }

    private Case build(long seed) {
        boolean image = r.nextInt(4) == 0;
        shape = image ? Shape.chw(1 + r.nextInt(2), 2 + r.nextInt(4), 2 + r.nextInt(4)) : Shape.flat(1 + fanIn());
        int inputSize = shape.size();
        add("in", new LayerOp.Input(shape), List.of(), shape, Map.of());
        d.append("in").append(image ? shape.channels() + "x" + shape.height() + "x" + shape.width() : inputSize);
        if (image) {
            if (r.nextInt(3) > 0) {
                conv();
            }
            if (r.nextBoolean()) {
                pool();
            }
            Shape flat = Shape.flat(shape.size());
            add(name("flat"), new LayerOp.Flatten(), List.of(last), flat, Map.of());
            shape = flat;
        }
        int hidden = r.nextInt(4);
        for (int h = 0; h < hidden; h++) {
            switch (r.nextInt(7)) {
                case 0 -> {
                    dense(1 + fanIn(), Activation.IDENTITY);
                    act(activation());
                }
                case 1 -> {
                    dense(1 + fanIn(), activation());
                    batchNorm();
                }
                case 2 -> residual();
                case 3 -> {
                    dense(1 + fanIn(), activation());
                    add(name("drop"), new LayerOp.Dropout(0.5), List.of(last), shape, Map.of());
                }
                default -> dense(1 + fanIn(), activation());
            }
        }
        output();
        ModelGraph g = new ModelGraph("spec" + seed, ModelGraph.SourceKind.BUILT, nodes, List.of(last), Optional.empty());
        int inputBits = width();
        QuantSpec spec = new QuantSpec(QuantSpec.CURRENT_VERSION, frac(inputBits, false), inputBits, r.nextInt(3) > 0,
                layers);
        d.append(" | input ").append(spec.inputBits()).append('/').append(spec.inputFracBits())
                .append(spec.foldBatchNorm() ? "" : ", BN unfolded");
        return new Case(seed, d.toString(), g, spec, inputSize);
    }

    /** Fan-ins 1-64, small ones more often (they are the cheap, common case). */
    private int fanIn() {
        return r.nextInt(3) == 0 ? r.nextInt(64) : r.nextInt(8);
    }

    /** Activation widths 2-48: mostly the 4-32 range, sometimes the extremes. */
    private int width() {
        int k = r.nextInt(10);
        return k == 0 ? 2 + r.nextInt(4) : k == 1 ? 33 + r.nextInt(16) : 4 + r.nextInt(29);
    }

    private int frac(int bits, boolean bounded) {
        if (bounded) {
            return r.nextInt(bits - 1); // 0..B-2 so that 1.0 fits
        }
        return Math.max(LayerQuant.MIN_FRAC_BITS, r.nextInt(bits + 2) - 3); // -3..B-2
    }

    private Activation activation() {
        return switch (r.nextInt(9)) {
            case 0 -> Activation.IDENTITY;
            case 1, 2 -> Activation.RELU;
            case 3 -> Activation.leakyRelu(r.nextBoolean() ? 0.25 : 0.1 + 0.8 * r.nextDouble());
            case 4 -> Activation.HARD_TANH;
            case 5 -> Activation.HARD_SIGMOID;
            case 6 -> Activation.SIGMOID;
            case 7 -> Activation.TANH;
            default -> Activation.leakyRelu(0.01);
        };
    }

    private static boolean bounded(Activation a) {
        return switch (a.kind()) {
            case HARD_TANH, HARD_SIGMOID, SIGMOID, TANH -> true;
            default -> false;
        };
    }

    private LayerQuant quant(Activation a) {
        int bits = width();
        if (bounded(a) && bits < 2) {
            bits = 2;
        }
        Domain[] domains = Domain.values();
        Domain domain = r.nextBoolean() ? Domain.FIELD : domains[r.nextInt(domains.length)];
        Approximation approx = r.nextInt(3) == 0 ? Approximation.poly(1 + r.nextInt(9))
                : Approximation.piecewiseLinear(1 + (r.nextBoolean() ? r.nextInt(8) : r.nextInt(64)));
        Integer biasFrac = r.nextInt(5) == 0 ? r.nextInt(20) : null;
        return new LayerQuant(r.nextInt(15), biasFrac, frac(bits, bounded(a)), domain,
                r.nextBoolean() ? Rounding.HALF_UP : Rounding.FLOOR, bits,
                r.nextInt(4) == 0 ? BoundMode.CHECK : BoundMode.SATURATE, approx,
                r.nextBoolean() ? OutputMode.ARGMAX : OutputMode.LOGITS);
    }

    private void describe(String what, LayerQuant q) {
        d.append(" -> ").append(what);
        if (q != null) {
            d.append(" [w").append(q.weightFracBits()).append(q.biasFracBits() == null ? "" : " b" + q.biasFracBits())
                    .append(" a").append(q.activationBits()).append('/').append(q.activationFracBits()).append(' ')
                    .append(q.domain()).append(' ').append(q.rounding()).append(' ').append(q.boundMode());
            if (q.approximation().kind() == Approximation.Kind.POLY) {
                d.append(" poly").append(q.approximation().degree());
            } else {
                d.append(" pwl").append(q.approximation().segments());
            }
            d.append(']');
        }
    }

    private void dense(int width, Activation a) {
        int nIn = shape.size();
        String n = name("dense");
        LayerQuant q = quant(a);
        add(n, new LayerOp.Dense(nIn, width, r.nextInt(5) > 0, a), List.of(last), Shape.flat(width),
                params(new int[] {nIn, width}, width, nIn));
        layers.put(n, q);
        describe("dense(" + nIn + "->" + width + ", " + name(a) + ")", q);
        shape = Shape.flat(width);
    }

    private void act(Activation a) {
        String n = name("act");
        LayerQuant q = quant(a);
        add(n, new LayerOp.Act(a), List.of(last), shape, Map.of());
        layers.put(n, q);
        describe("act(" + name(a) + ")", q);
    }

    private void batchNorm() {
        int f = shape.size();
        String n = name("bn");
        LayerQuant q = quant(Activation.IDENTITY);
        float[] gamma = uniform(f, 1.5f), beta = uniform(f, 0.5f), mean = uniform(f, 0.5f), std = new float[f];
        for (int i = 0; i < f; i++) {
            std[i] = 0.3f + r.nextFloat();
        }
        add(n, new LayerOp.BatchNorm(f, 1e-5), List.of(last), shape, Map.of("gamma", Tensor.vector(gamma),
                "beta", Tensor.vector(beta), "mean", Tensor.vector(mean), "std", Tensor.vector(std)));
        layers.put(n, q);
        describe("bn", q);
    }

    /** {@code add(x, dense(x))}: a ComputationGraph residual block. */
    private void residual() {
        String from = last;
        Shape s = shape;
        dense(shape.size(), activation());
        String n = name("add");
        LayerQuant q = quant(Activation.IDENTITY);
        add(n, new LayerOp.ElementwiseAdd(), List.of(from, last), s, Map.of());
        layers.put(n, q);
        describe("add", q);
    }

    private void conv() {
        int inC = shape.channels(), outC = 1 + r.nextInt(3);
        int k = 1 + r.nextInt(Math.min(3, Math.min(shape.height(), shape.width())));
        int stride = 1 + r.nextInt(2);
        Padding pad = r.nextBoolean() ? Padding.SAME : Padding.NONE;
        int[] oh = pad.outputAndPadBefore(shape.height(), k, stride, true);
        int[] ow = pad.outputAndPadBefore(shape.width(), k, stride, false);
        Shape out = Shape.chw(outC, oh[0], ow[0]);
        Activation a = activation();
        String n = name("conv");
        LayerQuant q = quant(a);
        add(n, new LayerOp.Conv2D(inC, outC, k, k, stride, stride, pad, r.nextInt(4) > 0, a), List.of(last), out,
                params(new int[] {outC, inC, k, k}, outC, inC * k * k));
        layers.put(n, q);
        describe("conv" + k + "x" + k + "/" + stride + "(" + outC + ", " + pad.mode() + ", " + name(a) + ")", q);
        shape = out;
    }

    private void pool() {
        LayerOp.PoolKind kind = r.nextBoolean() ? LayerOp.PoolKind.MAX : LayerOp.PoolKind.AVG;
        int k = Math.min(2, Math.min(shape.height(), shape.width()));
        int stride = 1 + r.nextInt(2);
        Padding pad = r.nextBoolean() ? Padding.SAME : Padding.NONE;
        boolean padIn = r.nextBoolean();
        int[] oh = pad.outputAndPadBefore(shape.height(), k, stride, true);
        int[] ow = pad.outputAndPadBefore(shape.width(), k, stride, false);
        Shape out = Shape.chw(shape.channels(), oh[0], ow[0]);
        String n = name("pool");
        add(n, new LayerOp.Pool2D(kind, k, k, stride, stride, pad, padIn), List.of(last), out, Map.of());
        LayerQuant q = r.nextInt(3) == 0 ? quant(Activation.IDENTITY) : null;
        if (q != null) {
            layers.put(n, q);
        }
        describe(kind + "pool" + k + "/" + stride + "(" + pad.mode() + (padIn ? ", pad counted" : "") + ")", q);
        shape = out;
    }

    private void output() {
        int nIn = shape.size();
        Activation a;
        int classes;
        switch (r.nextInt(5)) {
            case 0 -> {
                a = Activation.SIGMOID; // multi-label: logits of the Sigmoid values
                classes = 1 + r.nextInt(40);
            }
            case 1 -> {
                a = Activation.IDENTITY; // regression
                classes = 1 + r.nextInt(3);
            }
            default -> {
                a = Activation.SOFTMAX;
                classes = 2 + r.nextInt(9);
            }
        }
        String n = name("out");
        LayerQuant q = quant(a);
        add(n, new LayerOp.Output(nIn, classes, true, a, a == Activation.SOFTMAX ? "mcxent" : "xent"), List.of(last),
                Shape.flat(classes), params(new int[] {nIn, classes}, classes, nIn));
        layers.put(n, q);
        describe("out(" + nIn + "->" + classes + ", " + name(a)
                + (a == Activation.SOFTMAX ? ", " + q.outputMode() : "") + ")", q);
    }

    private String name(String base) {
        return base + "_" + (count++);
    }

    private static String name(Activation a) {
        return a.kind() == Activation.Kind.LEAKY_RELU ? "leaky " + a.alpha() : a.kind().toString().toLowerCase();
    }

    private void add(String name, LayerOp op, List<String> inputs, Shape out, Map<String, Tensor> params) {
        nodes.add(new Node(name, op, inputs, out, params, "test"));
        last = name;
    }

    /** Glorot-like magnitudes, so that activations stay in a sensible range whatever the fan-in. */
    private Map<String, Tensor> params(int[] wShape, int nBias, int fanIn) {
        int n = 1;
        for (int s : wShape) {
            n *= s;
        }
        float lim = (float) Math.min(1.5, 2.0 / Math.sqrt(fanIn));
        return Map.of("W", new Tensor(wShape, uniform(n, lim)), "b", Tensor.vector(uniform(nBias, 0.3f)));
    }

    private float[] uniform(int n, float lim) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * lim;
        }
        return v;
    }
}
