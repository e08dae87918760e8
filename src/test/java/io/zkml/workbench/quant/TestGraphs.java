package io.zkml.workbench.quant;

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

/** Small graphs built directly from the graph records, so these tests need no DL4J. */
final class TestGraphs {

    private final List<Node> nodes = new ArrayList<>();
    private final Random rnd;

    TestGraphs(long seed) {
        rnd = new Random(seed);
    }

    ModelGraph build(String output) {
        return new ModelGraph("test", ModelGraph.SourceKind.BUILT, nodes, List.of(output), Optional.empty());
    }

    String input(Shape s) {
        nodes.add(new Node("in", new LayerOp.Input(s), List.of(), s, Map.of(), "test"));
        return "in";
    }

    String dense(String name, String in, int nIn, int nOut, Activation act, float[] w, float[] b) {
        nodes.add(new Node(name, new LayerOp.Dense(nIn, nOut, b != null, act), List.of(in), Shape.flat(nOut),
                params(new int[] {nIn, nOut}, w, b), "test"));
        return name;
    }

    String output(String name, String in, int nIn, int nOut, Activation act, float[] w, float[] b) {
        nodes.add(new Node(name, new LayerOp.Output(nIn, nOut, b != null, act, "mcxent"), List.of(in),
                Shape.flat(nOut), params(new int[] {nIn, nOut}, w, b), "test"));
        return name;
    }

    String conv(String name, String in, Shape inShape, int outC, int k, int stride, Padding pad, Activation act,
                float[] w, float[] b) {
        LayerOp.Conv2D c = new LayerOp.Conv2D(inShape.channels(), outC, k, k, stride, stride, pad, b != null, act);
        int[] oh = pad.outputAndPadBefore(inShape.height(), k, stride, true);
        int[] ow = pad.outputAndPadBefore(inShape.width(), k, stride, false);
        nodes.add(new Node(name, c, List.of(in), Shape.chw(outC, oh[0], ow[0]),
                params(new int[] {outC, inShape.channels(), k, k}, w, b), "test"));
        return name;
    }

    String pool(String name, String in, Shape inShape, LayerOp.PoolKind kind, int k, int stride, Padding pad,
                boolean padInAvg) {
        int[] oh = pad.outputAndPadBefore(inShape.height(), k, stride, true);
        int[] ow = pad.outputAndPadBefore(inShape.width(), k, stride, false);
        nodes.add(new Node(name, new LayerOp.Pool2D(kind, k, k, stride, stride, pad, padInAvg), List.of(in),
                Shape.chw(inShape.channels(), oh[0], ow[0]), Map.of(), "test"));
        return name;
    }

    String simple(String name, LayerOp op, Shape shape, String... ins) {
        nodes.add(new Node(name, op, List.of(ins), shape, Map.of(), "test"));
        return name;
    }

    String batchNorm(String name, String in, Shape shape, int features) {
        float[] gamma = uniform(features, 0.5f, 1.5f);
        float[] beta = uniform(features, -0.5f, 0.5f);
        float[] mean = uniform(features, -0.3f, 0.3f);
        float[] std = uniform(features, 0.6f, 1.4f);
        nodes.add(new Node(name, new LayerOp.BatchNorm(features, 1e-5), List.of(in), shape,
                Map.of("gamma", Tensor.vector(gamma), "beta", Tensor.vector(beta), "mean", Tensor.vector(mean),
                        "std", Tensor.vector(std)), "test"));
        return name;
    }

    Shape shapeOf(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().outputShape();
    }

    /** Glorot-like uniform weights so activations stay O(1) through the layers. */
    float[] weights(int n, int fanIn) {
        float lim = (float) Math.sqrt(3.0 / fanIn);
        return uniform(n, -lim, lim);
    }

    float[] uniform(int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rnd.nextFloat();
        }
        return v;
    }

    private static Map<String, Tensor> params(int[] wShape, float[] w, float[] b) {
        return b == null ? Map.of("W", new Tensor(wShape, w))
                : Map.of("W", new Tensor(wShape, w), "b", Tensor.vector(b));
    }

    static float[][] randomInputs(long seed, int n, int size) {
        Random r = new Random(seed);
        float[][] x = new float[n][size];
        for (float[] row : x) {
            for (int i = 0; i < size; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    /** 20 -> 32 ReLU -> 16 act -> 5 softmax. */
    static ModelGraph mlp(long seed, Activation hidden2) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input(Shape.flat(20));
        x = t.dense("d1", x, 20, 32, Activation.RELU, t.weights(20 * 32, 20), t.uniform(32, -0.2f, 0.2f));
        x = t.dense("d2", x, 32, 16, hidden2, t.weights(32 * 16, 32 / 2), t.uniform(16, -0.2f, 0.2f));
        x = t.output("out", x, 16, 5, Activation.SOFTMAX, t.weights(16 * 5, 16), t.uniform(5, -0.1f, 0.1f));
        return t.build(x);
    }

    /** 1x10x10 -> conv3 same ReLU (4) -> maxpool2 -> conv3 pad1 (6) + BN + LeakyReLU -> avgpool2 -> flatten -> dense -> out. */
    static ModelGraph cnn(long seed) {
        TestGraphs t = new TestGraphs(seed);
        String x = t.input(Shape.chw(1, 10, 10));
        x = t.conv("c1", x, t.shapeOf(x), 4, 3, 1, Padding.SAME, Activation.RELU, t.weights(4 * 9, 9),
                t.uniform(4, -0.1f, 0.1f));
        x = t.pool("p1", x, t.shapeOf(x), LayerOp.PoolKind.MAX, 2, 2, Padding.NONE, false);
        x = t.conv("c2", x, t.shapeOf(x), 6, 3, 1, Padding.explicit(1, 1), Activation.IDENTITY,
                t.weights(6 * 4 * 9, 4 * 9 / 2), null);
        x = t.batchNorm("bn2", x, t.shapeOf(x), 6);
        x = t.simple("a2", new LayerOp.Act(Activation.leakyRelu(0.1)), t.shapeOf(x), x);
        x = t.pool("p2", x, t.shapeOf(x), LayerOp.PoolKind.AVG, 2, 2, Padding.NONE, false);
        Shape s = t.shapeOf(x);
        x = t.simple("flat", new LayerOp.Flatten(), Shape.flat(s.size()), x);
        x = t.dense("d1", x, s.size(), 12, Activation.RELU, t.weights(s.size() * 12, s.size() / 2),
                t.uniform(12, -0.1f, 0.1f));
        x = t.simple("drop", new LayerOp.Dropout(0.5), Shape.flat(12), x);
        x = t.output("out", x, 12, 4, Activation.SOFTMAX, t.weights(12 * 4, 12), t.uniform(4, -0.1f, 0.1f));
        return t.build(x);
    }
}
