package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Float activations shaped like the simulator's: per node a flat {@code [sample * size + i]}
 * array. Softmax nodes yield their logits, because that is what the integer program computes
 * (it replaces softmax by argmax or logits).
 */
final class FloatReference {

    private FloatReference() {
    }

    /** Activations of every node of {@code g} (in node order) over the batch. */
    static float[][] activations(ModelGraph g, float[][] inputs) {
        ModelGraph noSoftmax = withoutSoftmax(g);
        FloatInterpreter fi = new FloatInterpreter(noSoftmax);
        int n = g.nodes().size();
        float[][] out = new float[n][];
        for (int k = 0; k < n; k++) {
            out[k] = new float[inputs.length * g.nodes().get(k).outputShape().size()];
        }
        for (int s = 0; s < inputs.length; s++) {
            float[][] acts = fi.activations(inputs[s]);
            for (int k = 0; k < n; k++) {
                System.arraycopy(acts[k], 0, out[k], s * acts[k].length, acts[k].length);
            }
        }
        return out;
    }

    static ModelGraph withoutSoftmax(ModelGraph g) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            nodes.add(n.op().activation().kind() == Activation.Kind.SOFTMAX
                    ? copyWithOp(n, withActivation(n.op(), Activation.IDENTITY), n.name(), n.inputs()) : n);
        }
        return g.withNodes(nodes, g.outputs());
    }

    /**
     * A graph in which every linear node with an activation is split into the linear part, named
     * {@code name + PRE_SUFFIX}, and a stand-alone activation node keeping the original name —
     * so one float run yields both the pre-activation (what the clamp sees) and the output.
     */
    static ModelGraph splitActivations(ModelGraph g) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            LayerOp op = n.op();
            boolean linear = op instanceof LayerOp.Dense || op instanceof LayerOp.Output || op instanceof LayerOp.Conv2D;
            if (!linear || op.activation().isIdentity()) {
                nodes.add(n);
                continue;
            }
            String pre = n.name() + PRE_SUFFIX;
            nodes.add(copyWithOp(n, withActivation(op, Activation.IDENTITY), pre, n.inputs()));
            nodes.add(new Node(n.name(), new LayerOp.Act(op.activation()), List.of(pre), n.outputShape(),
                    java.util.Map.of(), n.sourceClass()));
        }
        return g.withNodes(nodes, g.outputs());
    }

    static final String PRE_SUFFIX = "#pre";

    private static Node copyWithOp(Node n, LayerOp op, String name, List<String> inputs) {
        Shape s = n.outputShape();
        return new Node(name, op, inputs, s, n.params(), n.sourceClass());
    }

    private static LayerOp withActivation(LayerOp op, Activation a) {
        if (op instanceof LayerOp.Dense d) {
            return new LayerOp.Dense(d.nIn(), d.nOut(), d.hasBias(), a);
        }
        if (op instanceof LayerOp.Output o) {
            return new LayerOp.Output(o.nIn(), o.nOut(), o.hasBias(), a, o.loss());
        }
        if (op instanceof LayerOp.Conv2D c) {
            return new LayerOp.Conv2D(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                    c.strideW(), c.padding(), c.hasBias(), a);
        }
        if (op instanceof LayerOp.Act) {
            return new LayerOp.Act(a);
        }
        return op;
    }
}
