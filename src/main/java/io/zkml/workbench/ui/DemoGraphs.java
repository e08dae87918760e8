package io.zkml.workbench.ui;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Stand-in loader until the importer lands: builds each sample's architecture with seeded
 * random weights so the workbench has something real-shaped to show and test against. It
 * refuses files rather than pretend to import them.
 */
public final class DemoGraphs implements ModelLoader {

    @Override
    public ModelGraph load(ModelRequest request) {
        if (request instanceof ModelRequest.Sample s) {
            return sample(s.sample().id());
        }
        throw new UnsupportedOperationException("Opening model files needs the importer, which is not part of "
                + "this build yet (" + request.label() + ")");
    }

    public static ModelGraph sample(String id) {
        return switch (id) {
            case "iris-mlp" -> mlp(id, new int[] {4, 10, 10, 3}, Activation.RELU, Activation.SOFTMAX);
            case "iris-tiny" -> mlp(id, new int[] {4, 4, 3}, Activation.RELU, Activation.SOFTMAX);
            case "breast-cancer-mlp" -> mlp(id, new int[] {30, 16, 8, 2}, Activation.RELU, Activation.SOFTMAX);
            case "diabetes-regression" -> mlp(id, new int[] {10, 16, 1}, Activation.RELU, Activation.IDENTITY);
            case "digits-cnn" -> digitsCnn();
            case "wine-mlp" -> wineWithBatchNorm();
            default -> throw new IllegalArgumentException("no built-in sample named " + id);
        };
    }

    private static ModelGraph mlp(String name, int[] widths, Activation hidden, Activation out) {
        Builder b = new Builder(name.hashCode());
        String prev = b.input(Shape.flat(widths[0]));
        for (int i = 1; i < widths.length; i++) {
            boolean last = i == widths.length - 1;
            prev = last ? b.output("output", prev, widths[i - 1], widths[i], out)
                    : b.dense("dense_" + i, prev, widths[i - 1], widths[i], hidden);
        }
        return b.build(name, prev);
    }

    private static ModelGraph digitsCnn() {
        Builder b = new Builder(8);
        String x = b.input(Shape.chw(1, 8, 8));
        x = b.conv("conv_1", x, Shape.chw(1, 8, 8), 4);
        x = b.maxPool("pool_1", x, Shape.chw(4, 4, 4));
        x = b.conv("conv_2", x, Shape.chw(4, 4, 4), 8);
        x = b.maxPool("pool_2", x, Shape.chw(8, 2, 2));
        x = b.add(new Node("flatten", new LayerOp.Flatten(), List.of(x), Shape.flat(32), Map.of(),
                "CnnToFeedForwardPreProcessor"));
        x = b.output("output", x, 32, 10, Activation.SOFTMAX);
        return b.build("digits-cnn", x);
    }

    private static ModelGraph wineWithBatchNorm() {
        Builder b = new Builder(13);
        String x = b.input(Shape.flat(13));
        x = b.dense("dense_1", x, 13, 16, Activation.IDENTITY);
        x = b.add(new Node("batchnorm_1", new LayerOp.BatchNorm(16, 1e-5), List.of(x), Shape.flat(16),
                Map.of("gamma", b.tensor(1f, 16), "beta", b.tensor(0.1f, 16),
                        "mean", b.tensor(0.5f, 16), "std", b.positive(16)), "BatchNormalization"));
        x = b.add(new Node("relu_1", new LayerOp.Act(Activation.RELU), List.of(x), Shape.flat(16), Map.of(),
                "ActivationLayer"));
        x = b.output("output", x, 16, 3, Activation.SOFTMAX);
        return b.build("wine-mlp", x);
    }

    /** Appends nodes in topological order with deterministic weights. */
    static final class Builder {
        private final Random random;
        private final List<Node> nodes = new ArrayList<>();

        Builder(long seed) {
            random = new Random(seed);
        }

        String add(Node n) {
            nodes.add(n);
            return n.name();
        }

        String input(Shape shape) {
            return add(new Node("input", new LayerOp.Input(shape), List.of(), shape, Map.of(), "InputType"));
        }

        String dense(String name, String in, int nIn, int nOut, Activation act) {
            return add(new Node(name, new LayerOp.Dense(nIn, nOut, true, act), List.of(in), Shape.flat(nOut),
                    Map.of("W", tensor(scale(nIn), nIn, nOut), "b", tensor(0.1f, nOut)), "DenseLayer"));
        }

        String output(String name, String in, int nIn, int nOut, Activation act) {
            String loss = act.equals(Activation.SOFTMAX) ? "MCXENT" : "MSE";
            return add(new Node(name, new LayerOp.Output(nIn, nOut, true, act, loss), List.of(in),
                    Shape.flat(nOut), Map.of("W", tensor(scale(nIn), nIn, nOut), "b", tensor(0.1f, nOut)),
                    "OutputLayer"));
        }

        String conv(String name, String in, Shape inShape, int outC) {
            int inC = inShape.channels();
            return add(new Node(name, new LayerOp.Conv2D(inC, outC, 3, 3, 1, 1, Padding.SAME, true, Activation.RELU),
                    List.of(in), Shape.chw(outC, inShape.height(), inShape.width()),
                    Map.of("W", tensor(scale(inC * 9), outC, inC, 3, 3), "b", tensor(0.1f, outC)),
                    "ConvolutionLayer"));
        }

        String maxPool(String name, String in, Shape outShape) {
            return add(new Node(name, new LayerOp.Pool2D(LayerOp.PoolKind.MAX, 2, 2, 2, 2, Padding.NONE, false),
                    List.of(in), outShape, Map.of(), "SubsamplingLayer"));
        }

        String elementwiseAdd(String name, List<String> ins, Shape shape) {
            return add(new Node(name, new LayerOp.ElementwiseAdd(), ins, shape, Map.of(), "ElementWiseVertex"));
        }

        ModelGraph build(String name, String output) {
            return new ModelGraph(name, ModelGraph.SourceKind.BUILT, nodes, List.of(output), Optional.empty());
        }

        private static float scale(int fanIn) {
            return (float) Math.sqrt(2.0 / fanIn);
        }

        Tensor tensor(float std, int... shape) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (random.nextGaussian() * std);
            }
            return new Tensor(shape, v);
        }

        Tensor positive(int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = 0.5f + random.nextFloat();
            }
            return Tensor.vector(v);
        }
    }
}
