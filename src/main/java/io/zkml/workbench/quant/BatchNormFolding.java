package io.zkml.workbench.quant;

import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds inference BatchNorm into the Dense, Output or Conv2D node that feeds it, so the circuit
 * pays for one affine map instead of two and BN costs nothing:
 * {@code W' = W * gamma/std} per output and {@code b' = (b - mean) * gamma/std + beta}.
 * A BN is folded only when its input is such a node with identity activation and no other
 * reader (otherwise the unscaled values are still needed). The folded node keeps the linear
 * node's name; readers of the BN now read it.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    public static ModelGraph fold(ModelGraph g) {
        Map<String, Node> replaced = new HashMap<>();
        Map<String, String> rename = new HashMap<>();
        for (Node bn : g.nodes()) {
            if (!(bn.op() instanceof LayerOp.BatchNorm) || bn.inputs().size() != 1) {
                continue;
            }
            Node lin = replaced.getOrDefault(bn.inputs().get(0), g.node(bn.inputs().get(0)));
            if (!foldable(lin) || g.consumers(lin.name()).size() != 1 || g.outputs().contains(lin.name())) {
                continue;
            }
            replaced.put(lin.name(), folded(lin, bn));
            rename.put(bn.name(), lin.name());
        }
        if (rename.isEmpty()) {
            return g;
        }
        List<Node> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (rename.containsKey(n.name())) {
                continue;
            }
            Node m = replaced.getOrDefault(n.name(), n);
            List<String> ins = m.inputs().stream().map(i -> rename.getOrDefault(i, i)).toList();
            out.add(new Node(m.name(), m.op(), ins, m.outputShape(), m.params(), m.sourceClass()));
        }
        List<String> outputs = g.outputs().stream().map(o -> rename.getOrDefault(o, o)).toList();
        return g.withNodes(out, outputs);
    }

    private static boolean foldable(Node n) {
        LayerOp op = n.op();
        return (op instanceof LayerOp.Dense || op instanceof LayerOp.Output || op instanceof LayerOp.Conv2D)
                && op.activation().isIdentity();
    }

    private static Node folded(Node lin, Node bn) {
        float[] gamma = bn.requireParam("gamma").toArray();
        float[] beta = bn.requireParam("beta").toArray();
        float[] mean = bn.requireParam("mean").toArray();
        float[] std = bn.requireParam("std").toArray();
        Tensor w = lin.requireParam("W");
        float[] wv = w.toArray();
        int outs = gamma.length;
        boolean conv = lin.op() instanceof LayerOp.Conv2D;
        int declaredOuts = conv ? w.dim(0) : w.dim(1);
        if (declaredOuts != outs) {
            throw new IllegalArgumentException("BatchNorm " + bn.name() + " has " + outs + " features but "
                    + lin.name() + " has " + declaredOuts + " outputs");
        }
        int perOut = wv.length / outs;
        for (int k = 0; k < wv.length; k++) {
            // Conv weights are [outC, inC, kH, kW] (output-major); dense are [nIn, nOut] (output-minor).
            int o = conv ? k / perOut : k % outs;
            wv[k] = (float) ((double) wv[k] * gamma[o] / std[o]);
        }
        float[] b = lin.param("b").map(Tensor::toArray).orElse(new float[outs]);
        float[] bf = new float[outs];
        for (int o = 0; o < outs; o++) {
            bf[o] = (float) (((double) b[o] - mean[o]) * gamma[o] / std[o] + beta[o]);
        }
        Map<String, Tensor> params = new HashMap<>(lin.params());
        params.put("W", new Tensor(w.shape(), wv));
        params.put("b", Tensor.vector(bf));
        LayerOp op = withBias(lin.op());
        return new Node(lin.name(), op, lin.inputs(), lin.outputShape(), params, lin.sourceClass());
    }

    private static LayerOp withBias(LayerOp op) {
        if (op instanceof LayerOp.Dense d) {
            return new LayerOp.Dense(d.nIn(), d.nOut(), true, d.activation());
        }
        if (op instanceof LayerOp.Output o) {
            return new LayerOp.Output(o.nIn(), o.nOut(), true, o.activation(), o.loss());
        }
        LayerOp.Conv2D c = (LayerOp.Conv2D) op;
        return new LayerOp.Conv2D(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                c.strideW(), c.padding(), true, c.activation());
    }
}
