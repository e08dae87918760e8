package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/** A 4-4-3 network (ReLU hidden layer, softmax output) and helpers shared by the codegen tests. */
final class Tiny443 {

    static final ProgramHeader HEADER = new ProgramHeader("tiny443.zip", "0".repeat(64), "1".repeat(64), "test");

    private Tiny443() {
    }

    static ModelGraph graph(long seed) {
        Random r = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("in", new LayerOp.Input(Shape.flat(4)), List.of(), Shape.flat(4), Map.of(), "test"));
        nodes.add(new Node("dense_1", new LayerOp.Dense(4, 4, true, Activation.RELU), List.of("in"), Shape.flat(4),
                Map.of("W", new Tensor(new int[] {4, 4}, uniform(r, 16, 0.9f)), "b", Tensor.vector(uniform(r, 4, 0.3f))),
                "test"));
        nodes.add(new Node("out", new LayerOp.Output(4, 3, true, Activation.SOFTMAX, "mcxent"), List.of("dense_1"),
                Shape.flat(3), Map.of("W", new Tensor(new int[] {4, 3}, uniform(r, 12, 0.9f)),
                "b", Tensor.vector(uniform(r, 3, 0.3f))), "test"));
        return new ModelGraph("tiny443", ModelGraph.SourceKind.BUILT, nodes, List.of("out"), Optional.empty());
    }

    /** All layers in {@code domain}; argmax or logits output. */
    static QuantizedGraph quantized(long seed, Domain domain, OutputMode mode) {
        QuantSpec spec = QuantSpec.of(8, Map.of(
                "dense_1", LayerQuant.of(8, 8).withDomain(domain),
                "out", LayerQuant.of(8, 8).withDomain(domain).withOutputMode(mode)));
        return QuantizedGraphBuilder.build(graph(seed), spec);
    }

    /**
     * 8-bit activations and 4 fractional bits everywhere, so that every product and partial sum
     * fits i16: the cheap integer encoding (and small enough for SRS degree 2^16).
     */
    static QuantizedGraph quantizedNarrow(long seed, Domain domain, OutputMode mode) {
        QuantSpec spec = QuantSpec.of(4, Map.of(
                "dense_1", LayerQuant.of(4, 4).withDomain(domain).withActivationBits(8),
                "out", LayerQuant.of(4, 4).withDomain(domain).withActivationBits(8).withOutputMode(mode)))
                .withInput(4, 8);
        return QuantizedGraphBuilder.build(graph(seed), spec);
    }

    static float[][] inputs(long seed, int n) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        for (float[] row : x) {
            for (int i = 0; i < 4; i++) {
                row[i] = (float) (r.nextGaussian() * 1.5);
            }
        }
        return x;
    }

    /** The quantized input row as the circuit receives it. */
    static List<BigInteger> row(long[] q) {
        List<BigInteger> l = new ArrayList<>();
        for (long v : q) {
            l.add(BigInteger.valueOf(v));
        }
        return l;
    }

    /** An Aleo array literal of the given element type. */
    static String literal(long[] q, String type) {
        List<String> parts = new ArrayList<>();
        for (long v : q) {
            parts.add(v + type);
        }
        return parts.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static float[] uniform(Random r, int n, float lim) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * lim;
        }
        return v;
    }
}
