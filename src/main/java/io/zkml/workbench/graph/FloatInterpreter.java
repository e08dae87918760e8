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
        return n.op().accept(new NodeEvaluation(n, acts, input));
    }

    /**
     * One node's float semantics, dispatched through the op visitor: a new op does not compile
     * until the float reference says what it computes.
     */
    private final class NodeEvaluation implements LayerOp.Visitor<float[]> {
        private final Node n;
        private final float[][] acts;
        private final float[] input;

        NodeEvaluation(Node n, float[][] acts, float[] input) {
            this.n = n;
            this.acts = acts;
            this.input = input;
        }

        private float[] in(int k) {
            return FloatInterpreter.this.in(n, acts, k);
        }

        private Shape inShape() {
            return graph.node(n.inputs().get(0)).outputShape();
        }

        @Override
        public float[] input(LayerOp.Input op) {
            if (input.length != n.outputShape().size()) {
                throw new IllegalArgumentException("model " + graph.name() + " expects " + n.outputShape().size()
                        + " input values, got " + input.length);
            }
            return input.clone();
        }

        @Override
        public float[] dense(LayerOp.Dense d) {
            return FloatInterpreter.dense(in(0), n, d.nIn(), d.nOut(), d.hasBias(), d.activation());
        }

        @Override
        public float[] output(LayerOp.Output o) {
            return FloatInterpreter.dense(in(0), n, o.nIn(), o.nOut(), o.hasBias(), o.activation());
        }

        @Override
        public float[] conv2d(LayerOp.Conv2D c) {
            float[] out = Convolution.conv2d(in(0), inShape(), c, n.requireParam("W"),
                    c.hasBias() ? n.requireParam("b") : null, n.outputShape());
            ActivationFunctions.apply(c.activation(), out);
            return out;
        }

        @Override
        public float[] pool2d(LayerOp.Pool2D p) {
            return Convolution.pool2d(in(0), inShape(), p, n.outputShape());
        }

        @Override
        public float[] batchNorm(LayerOp.BatchNorm op) {
            return FloatInterpreter.batchNorm(in(0), n);
        }

        @Override
        public float[] act(LayerOp.Act a) {
            float[] out = in(0).clone();
            ActivationFunctions.apply(a.activation(), out);
            return out;
        }

        // Flatten, Reshape and Dropout (inference) pass the values on unchanged (channels-first order).
        @Override
        public float[] flatten(LayerOp.Flatten op) {
            return in(0).clone();
        }

        @Override
        public float[] reshape(LayerOp.Reshape op) {
            return in(0).clone();
        }

        @Override
        public float[] dropout(LayerOp.Dropout op) {
            return in(0).clone();
        }

        @Override
        public float[] add(LayerOp.ElementwiseAdd op) {
            float[] out = in(0).clone();
            for (int k = 1; k < n.inputs().size(); k++) {
                float[] other = in(k);
                for (int i = 0; i < out.length; i++) {
                    out[i] += other[i];
                }
            }
            return out;
        }
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
