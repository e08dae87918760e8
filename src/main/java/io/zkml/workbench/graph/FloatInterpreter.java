package io.zkml.workbench.graph;

import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link ModelGraph} in float, node by node, the way DL4J's {@code feedForward}
 * does at inference. It is the workbench's own reference for per-layer comparisons; DL4J's
 * output stays the ground truth the tests hold it to.
 */
public final class FloatInterpreter {

    private final ModelGraph graph;
    private final Map<String, Integer> index;

    public FloatInterpreter(ModelGraph graph) {
        this.graph = graph;
        this.index = graph.indexByName();
    }

    public ModelGraph graph() {
        return graph;
    }

    /**
     * Activations of every node for one (already normalised) input row, indexed like
     * {@link ModelGraph#nodes()}; images are flattened channels-first.
     */
    public float[][] activations(float[] input) {
        List<Node> nodes = graph.nodes();
        float[][] acts = new float[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            acts[i] = evaluate(n, acts, input);
        }
        return acts;
    }

    /** The first output node's activation for one normalised input row. */
    public float[] output(float[] input) {
        return activations(input)[index.get(graph.outputs().get(0))];
    }

    private float[] in(Node n, float[][] acts, int k) {
        return acts[index.get(n.inputs().get(k))];
    }

    private float[] evaluate(Node n, float[][] acts, float[] input) {
        LayerOp op = n.op();
        if (op instanceof LayerOp.Input) {
            if (input.length != n.outputShape().size()) {
                throw new IllegalArgumentException("model " + graph.name() + " expects " + n.outputShape().size()
                        + " input values, got " + input.length);
            }
            return input.clone();
        }
        if (op instanceof LayerOp.Dense d) {
            return dense(in(n, acts, 0), n, d.nIn(), d.nOut(), d.hasBias(), d.activation());
        }
        if (op instanceof LayerOp.Output o) {
            return dense(in(n, acts, 0), n, o.nIn(), o.nOut(), o.hasBias(), o.activation());
        }
        if (op instanceof LayerOp.Conv2D c) {
            Shape inShape = graph.node(n.inputs().get(0)).outputShape();
            float[] out = Convolution.conv2d(in(n, acts, 0), inShape, c, n.requireParam("W"),
                    c.hasBias() ? n.requireParam("b") : null, n.outputShape());
            ActivationFunctions.apply(c.activation(), out);
            return out;
        }
        if (op instanceof LayerOp.Pool2D p) {
            Shape inShape = graph.node(n.inputs().get(0)).outputShape();
            return Convolution.pool2d(in(n, acts, 0), inShape, p, n.outputShape());
        }
        if (op instanceof LayerOp.BatchNorm) {
            return batchNorm(in(n, acts, 0), n);
        }
        if (op instanceof LayerOp.Act a) {
            float[] out = in(n, acts, 0).clone();
            ActivationFunctions.apply(a.activation(), out);
            return out;
        }
        if (op instanceof LayerOp.Flatten || op instanceof LayerOp.Reshape || op instanceof LayerOp.Dropout) {
            return in(n, acts, 0).clone();
        }
        if (op instanceof LayerOp.ElementwiseAdd) {
            float[] out = in(n, acts, 0).clone();
            for (int k = 1; k < n.inputs().size(); k++) {
                float[] other = in(n, acts, k);
                for (int i = 0; i < out.length; i++) {
                    out[i] += other[i];
                }
            }
            return out;
        }
        throw new IllegalStateException("no float semantics for " + op.typeName());
    }

    private static float[] dense(float[] x, Node n, int nIn, int nOut, boolean hasBias, Activation act) {
        Tensor w = n.requireParam("W");
        Tensor b = hasBias ? n.requireParam("b") : null;
        float[] out = new float[nOut];
        for (int o = 0; o < nOut; o++) {
            double s = b == null ? 0 : b.get(o);
            for (int i = 0; i < nIn; i++) {
                s += (double) x[i] * w.get(i * nOut + o);
            }
            out[o] = (float) s;
        }
        ActivationFunctions.apply(act, out);
        return out;
    }

    private static float[] batchNorm(float[] x, Node n) {
        Tensor gamma = n.requireParam("gamma");
        Tensor beta = n.requireParam("beta");
        Tensor mean = n.requireParam("mean");
        Tensor std = n.requireParam("std");
        int features = gamma.size();
        int perFeature = x.length / features;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int f = i / perFeature;
            out[i] = (float) (gamma.get(f) * ((double) x[i] - mean.get(f)) / std.get(f) + beta.get(f));
        }
        return out;
    }
}
