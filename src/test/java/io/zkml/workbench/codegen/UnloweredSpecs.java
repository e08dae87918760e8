package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.quant.Calibrator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.session.ModelSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The legal specs issue #17 reported as "cannot be lowered to Aleo: -N does not fit u32", as fixtures:
 * iris-tiny calibrated with layer0 at 12 bits and a LOGITS output, and a DL4J-style sigmoid
 * multi-label network (4-H1-H2-L, the third-party one is 4-128-64-39) on its default calibration.
 */
final class UnloweredSpecs {

    private UnloweredSpecs() {
    }

    record Fixture(String name, QuantizedGraph quantized, float[][] inputs) {
    }

    static Fixture irisTinyNarrowLogits() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models/iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        spec = spec.withLayer("layer0", spec.layer("layer0").withActivationBits(12))
                .withLayer("layer1", spec.layer("layer1").withOutputMode(OutputMode.LOGITS));
        return new Fixture("iris-tiny layer0 12 bits + LOGITS", QuantizedGraphBuilder.build(s.graph(), spec),
                s.normalizedFeatures());
    }

    /** A 4-h1-h2-labels ReLU network with a Sigmoid output (DL4J's multi-label OutputLayer, XENT loss). */
    static ModelGraph sigmoidMultiLabel(long seed, int h1, int h2, int labels) {
        Random r = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("input", new LayerOp.Input(Shape.flat(4)), List.of(), Shape.flat(4), Map.of(), "test"));
        nodes.add(dense(r, "layer0", "input", 4, h1, Activation.RELU, false));
        nodes.add(dense(r, "layer1", "layer0", h1, h2, Activation.RELU, false));
        nodes.add(dense(r, "layer2", "layer1", h2, labels, Activation.SIGMOID, true));
        return new ModelGraph("multilabel", ModelGraph.SourceKind.BUILT, nodes, List.of("layer2"), Optional.empty());
    }

    static float[][] gaussian(long seed, int n, int width) {
        Random r = new Random(seed);
        float[][] x = new float[n][width];
        for (float[] row : x) {
            for (int i = 0; i < width; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    /** The default calibration of {@code g} on standard-normal inputs (the reported failing spec). */
    static QuantSpec calibrated(ModelGraph g) {
        return new Calibrator().propose(g, gaussian(99, 200, 4));
    }

    private static Node dense(Random r, String name, String in, int nIn, int nOut, Activation a, boolean output) {
        float lim = (float) Math.sqrt(6.0 / (nIn + nOut));
        float[] w = new float[nIn * nOut];
        float[] b = new float[nOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = (r.nextFloat() * 2 - 1) * lim;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (r.nextFloat() * 2 - 1) * 0.1f;
        }
        LayerOp op = output ? new LayerOp.Output(nIn, nOut, true, a, "xent") : new LayerOp.Dense(nIn, nOut, true, a);
        return new Node(name, op, List.of(in), Shape.flat(nOut),
                Map.of("W", new Tensor(new int[] {nIn, nOut}, w), "b", Tensor.vector(b)), "test");
    }
}
