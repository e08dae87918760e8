package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded small random networks (widths 2-5, tiny Conv2D, pools, every activation) with their
 * spec, for equivalence tests of the lowering against the simulator. Small enough that most fit
 * SRS 2^16.
 */
final class RandomNetworks {

    /** A generated network, its quantized program and its input width. */
    record Net(long seed, String description, QuantizedGraph quantized, int inputSize) {
        float[][] inputs(long s, int n) {
            Random r = new Random(s);
            float[][] x = new float[n][inputSize];
            for (float[] row : x) {
                for (int i = 0; i < inputSize; i++) {
                    row[i] = (float) (r.nextGaussian() * 1.5);
                }
            }
            return x;
        }
    }

    static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU,
            Activation.leakyRelu(0.25), Activation.leakyRelu(0.1), Activation.HARD_TANH, Activation.HARD_SIGMOID,
            Activation.SIGMOID, Activation.TANH);

    private final Random r;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, LayerQuant> spec = new HashMap<>();
    private final StringBuilder description = new StringBuilder();
    private Shape shape;
    private String last;

    /** The Sigmoid/Tanh approximation to use (null: a random piecewise-linear one). */
    private final Approximation approximation;

    private RandomNetworks(long seed) {
        this(seed, null);
    }

    private RandomNetworks(long seed, Approximation approximation) {
        r = new Random(seed);
        this.approximation = approximation;
    }

    static Net generate(long seed) {
        return new RandomNetworks(seed).build(seed, null);
    }

    /** A network that starts with a MaxPool after a tiny convolution and uses {@code act} in a hidden layer. */
    static Net withPoolAnd(long seed, Activation act) {
        return new RandomNetworks(seed).build(seed, act);
    }

    /** As {@link #withPoolAnd(long, Activation)} with Sigmoid/Tanh approximated by {@code approximation}. */
    static Net withPoolAnd(long seed, Activation act, Approximation approximation) {
        return new RandomNetworks(seed, approximation).build(seed, act);
    }

    /**
     * The smallest network with a MaxPool and {@code act}: a 1x3x3 image, 2x2 max pool (stride 1),
     * Dense(2, act), Output(2) with argmax. Below 2^14 constraints, so it runs on the offline SRS.
     */
    static Net tinyPool(long seed, Activation act) {
        return tinyPool(seed, act, null);
    }

    /** As {@link #tinyPool(long, Activation)} with Sigmoid/Tanh approximated by {@code approximation}. */
    static Net tinyPool(long seed, Activation act, Approximation approximation) {
        RandomNetworks n = new RandomNetworks(seed, approximation);
        n.shape = Shape.chw(1, 3, 3);
        n.add("in", new LayerOp.Input(n.shape), n.shape, Map.of());
        n.nodes.add(new Node("pool", new LayerOp.Pool2D(LayerOp.PoolKind.MAX, 2, 2, 1, 1, Padding.NONE, false),
                List.of("in"), Shape.chw(1, 2, 2), Map.of(), "test"));
        n.last = "pool";
        n.add("flat", new LayerOp.Flatten(), Shape.flat(4), Map.of());
        n.shape = Shape.flat(4);
        n.description.append(" -> MAXpool2x2/1 -> flatten");
        n.dense("d0", 2, act);
        n.add("out", new LayerOp.Output(2, 2, true, Activation.SOFTMAX, "mcxent"), Shape.flat(2),
                n.params(new int[] {2, 2}, 2));
        n.spec.put("out", LayerQuant.of(8, 8));
        n.description.append(" -> out(2, ARGMAX)");
        ModelGraph g = new ModelGraph("tiny" + seed, ModelGraph.SourceKind.BUILT, n.nodes, List.of("out"), Optional.empty());
        return new Net(seed, n.description.toString(), QuantizedGraphBuilder.build(g, QuantSpec.of(8, n.spec)), 9);
    }

    private Net build(long seed, Activation forced) {
        boolean image = forced != null || r.nextBoolean();
        if (image) {
            shape = Shape.chw(1 + r.nextInt(2), 3 + r.nextInt(2), 3 + r.nextInt(2));
        } else {
            shape = Shape.flat(2 + r.nextInt(4));
        }
        int inputSize = shape.size();
        add("in", new LayerOp.Input(shape), shape, Map.of());
        if (image) {
            if (forced != null || r.nextBoolean()) {
                conv(forced != null ? Activation.RELU : activation());
            }
            if (forced != null || r.nextBoolean()) {
                pool(forced != null ? LayerOp.PoolKind.MAX : r.nextBoolean() ? LayerOp.PoolKind.MAX : LayerOp.PoolKind.AVG);
            }
            Shape flat = Shape.flat(shape.size());
            add("flat", new LayerOp.Flatten(), flat, Map.of());
            shape = flat;
        }
        int hidden = forced != null ? 1 : r.nextInt(3);
        for (int h = 0; h < hidden; h++) {
            Activation a = forced != null ? forced : activation();
            if (r.nextInt(4) == 0) {
                dense("d" + h, 2 + r.nextInt(4), Activation.IDENTITY);
                act("act" + h, a);
            } else {
                dense("d" + h, 2 + r.nextInt(4), a);
            }
        }
        int classes = 2 + r.nextInt(3);
        OutputMode mode = r.nextBoolean() ? OutputMode.ARGMAX : OutputMode.LOGITS;
        int nIn = shape.size();
        add("out", new LayerOp.Output(nIn, classes, true, Activation.SOFTMAX, "mcxent"), Shape.flat(classes),
                params(new int[] {nIn, classes}, classes));
        spec.put("out", LayerQuant.of(8, 8).withOutputMode(mode));
        description.append(" -> out(").append(classes).append(", ").append(mode).append(')');
        ModelGraph g = new ModelGraph("rnd" + seed, ModelGraph.SourceKind.BUILT, nodes, List.of("out"), Optional.empty());
        QuantizedGraph q = QuantizedGraphBuilder.build(g, QuantSpec.of(8, spec));
        return new Net(seed, description.toString(), q, inputSize);
    }

    private Activation activation() {
        return ACTIVATIONS.get(r.nextInt(ACTIVATIONS.size()));
    }

    private void conv(Activation a) {
        int inC = shape.channels(), outC = 1 + r.nextInt(2);
        Padding pad = r.nextBoolean() ? Padding.SAME : Padding.NONE;
        int[] oh = pad.outputAndPadBefore(shape.height(), 2, 1, true);
        int[] ow = pad.outputAndPadBefore(shape.width(), 2, 1, false);
        Shape out = Shape.chw(outC, oh[0], ow[0]);
        add("conv", new LayerOp.Conv2D(inC, outC, 2, 2, 1, 1, pad, true, a), out,
                params(new int[] {outC, inC, 2, 2}, outC));
        spec.put("conv", quant(a));
        description.append(" -> conv2x2(").append(outC).append(", ").append(pad).append(", ").append(name(a)).append(')');
        shape = out;
    }

    private void pool(LayerOp.PoolKind kind) {
        int stride = 1 + r.nextInt(2);
        Padding pad = r.nextBoolean() ? Padding.SAME : Padding.NONE;
        boolean padIn = r.nextBoolean();
        int[] oh = pad.outputAndPadBefore(shape.height(), 2, stride, true);
        int[] ow = pad.outputAndPadBefore(shape.width(), 2, stride, false);
        Shape out = Shape.chw(shape.channels(), oh[0], ow[0]);
        add("pool", new LayerOp.Pool2D(kind, 2, 2, stride, stride, pad, padIn), out, Map.of());
        description.append(" -> ").append(kind).append("pool2x2/").append(stride).append('(').append(pad)
                .append(padIn ? ", pad counted" : "").append(')');
        shape = out;
    }

    private void dense(String name, int width, Activation a) {
        int nIn = shape.size();
        add(name, new LayerOp.Dense(nIn, width, true, a), Shape.flat(width), params(new int[] {nIn, width}, width));
        spec.put(name, quant(a));
        description.append(" -> dense(").append(width).append(", ").append(name(a)).append(')');
        shape = Shape.flat(width);
    }

    private void act(String name, Activation a) {
        add(name, new LayerOp.Act(a), shape, Map.of());
        spec.put(name, quant(a));
        description.append(" -> act(").append(name(a)).append(')');
    }

    private LayerQuant quant(Activation a) {
        LayerQuant q = LayerQuant.of(8, 8);
        if (a.kind() == Activation.Kind.SIGMOID || a.kind() == Activation.Kind.TANH) {
            q = q.withApproximation(approximation != null ? approximation
                    : Approximation.piecewiseLinear(r.nextBoolean() ? 4 : 8));
        }
        return q;
    }

    private static String name(Activation a) {
        return a.kind() == Activation.Kind.LEAKY_RELU ? "leaky " + a.alpha() : a.kind().toString().toLowerCase();
    }

    private void add(String name, LayerOp op, Shape out, Map<String, Tensor> params) {
        nodes.add(new Node(name, op, last == null ? List.of() : List.of(last), out, params, "test"));
        last = name;
    }

    private Map<String, Tensor> params(int[] wShape, int nBias) {
        int n = 1;
        for (int d : wShape) {
            n *= d;
        }
        return Map.of("W", new Tensor(wShape, uniform(n, 0.9f)), "b", Tensor.vector(uniform(nBias, 0.3f)));
    }

    private float[] uniform(int n, float lim) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * lim;
        }
        return v;
    }
}
