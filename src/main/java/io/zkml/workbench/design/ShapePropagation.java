package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an edited node list in order and makes every node agree with what now flows into it:
 * input sizes, channel counts and output shapes are recomputed, and a layer whose stored weights
 * no longer have the shape it needs gets fresh ones. Every edit goes through here, so the rules
 * about what fits live in one place.
 */
final class ShapePropagation {

    record Result(List<Node> nodes, Set<String> reinitialised) {
    }

    private ShapePropagation() {
    }

    /**
     * @param forceFresh layers that get new weights even when the old ones would still fit
     * @throws WorkbenchException naming the first node that can no longer take its input
     */
    static Result propagate(List<Node> nodes, Set<String> forceFresh) {
        Map<String, Shape> shapes = new HashMap<>();
        List<Node> out = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        for (Node n : nodes) {
            Node fixed = fit(n, inputShapes(n, shapes), forceFresh.contains(n.name()), fresh);
            shapes.put(fixed.name(), fixed.outputShape());
            out.add(fixed);
        }
        return new Result(out, fresh);
    }

    private static List<Shape> inputShapes(Node n, Map<String, Shape> shapes) {
        return n.inputs().stream().map(shapes::get).toList();
    }

    private static Node fit(Node n, List<Shape> ins, boolean force, Set<String> fresh) {
        return n.op().accept(new Fitter(n, ins, force, fresh));
    }

    /**
     * One node made to fit its inputs, dispatched through the op visitor so that a new op does not
     * compile until it says how its shape follows from its inputs.
     */
    private static final class Fitter implements LayerOp.Visitor<Node> {
        private final Node n;
        private final List<Shape> ins;
        private final boolean force;
        private final Set<String> fresh;

        Fitter(Node n, List<Shape> ins, boolean force, Set<String> fresh) {
            this.n = n;
            this.ins = ins;
            this.force = force;
            this.fresh = fresh;
        }

        /** The first input's shape (every op but Input has one). */
        private Shape in() {
            return ins.get(0);
        }

        @Override
        public Node input(LayerOp.Input op) {
            return n; // the model's input decides its own shape
        }

        @Override
        public Node dense(LayerOp.Dense d) {
            int nIn = flatSize(n, in());
            Node r = withOp(n, new LayerOp.Dense(nIn, d.nOut(), d.hasBias(), d.activation()), Shape.flat(d.nOut()));
            return denseWeights(r, nIn, d.nOut(), d.hasBias(), force, fresh);
        }

        @Override
        public Node output(LayerOp.Output o) {
            int nIn = flatSize(n, in());
            Node r = withOp(n, new LayerOp.Output(nIn, o.nOut(), o.hasBias(), o.activation(), o.loss()),
                    Shape.flat(o.nOut()));
            return denseWeights(r, nIn, o.nOut(), o.hasBias(), force, fresh);
        }

        @Override
        public Node conv2d(LayerOp.Conv2D c) {
            Shape in = in();
            requireImage(n, in);
            LayerOp.Conv2D fitted = new LayerOp.Conv2D(in.channels(), c.outChannels(), c.kernelH(), c.kernelW(),
                    c.strideH(), c.strideW(), c.padding(), c.hasBias(), c.activation());
            Shape shape = spatial(n, in, c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                    c.padding());
            return convWeights(withOp(n, fitted, shape), fitted, force, fresh);
        }

        @Override
        public Node pool2d(LayerOp.Pool2D p) {
            Shape in = in();
            requireImage(n, in);
            return withOp(n, p, spatial(n, in, in.channels(), p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.padding()));
        }

        @Override
        public Node batchNorm(LayerOp.BatchNorm b) {
            return ShapePropagation.batchNorm(n, b, in(), force, fresh);
        }

        @Override
        public Node flatten(LayerOp.Flatten op) {
            return withOp(n, op, Shape.flat(in().size()));
        }

        @Override
        public Node reshape(LayerOp.Reshape r) {
            Shape in = in();
            if (r.target().size() != in.size()) {
                throw new WorkbenchException(n.name() + " reshapes " + r.target().size() + " values into "
                        + r.target() + ", but would receive " + in + " (" + in.size() + " values)");
            }
            return withOp(n, r, r.target());
        }

        @Override
        public Node add(LayerOp.ElementwiseAdd op) {
            Shape in = in();
            for (Shape s : ins) {
                if (!s.equals(in)) {
                    throw new WorkbenchException(n.name() + " adds inputs of different shapes " + ins
                            + "; every input of an Add must have the same shape");
                }
            }
            return withOp(n, op, in);
        }

        @Override
        public Node act(LayerOp.Act op) {
            return withOp(n, op, in()); // keeps its input's shape
        }

        @Override
        public Node dropout(LayerOp.Dropout op) {
            return withOp(n, op, in()); // keeps its input's shape
        }
    }

    private static Node batchNorm(Node n, LayerOp.BatchNorm b, Shape in, boolean force, Set<String> fresh) {
        int features = in.isImage() ? in.channels() : in.size();
        Node r = withOp(n, new LayerOp.BatchNorm(features, b.eps()), in);
        if (!force && r.params().values().stream().allMatch(t -> t.size() == features)) {
            return r;
        }
        fresh.add(n.name());
        // Identity statistics: the layer passes values through until it is retrained.
        return r.withParams(Map.of("gamma", FreshWeights.filled(features, 1f),
                "beta", FreshWeights.filled(features, 0f), "mean", FreshWeights.filled(features, 0f),
                "std", FreshWeights.filled(features, 1f)));
    }

    private static Node withOp(Node n, LayerOp op, Shape out) {
        return new Node(n.name(), op, n.inputs(), out, n.params(), n.sourceClass());
    }

    private static int flatSize(Node n, Shape in) {
        if (in.isImage()) {
            throw new WorkbenchException(n.name() + " is a " + n.typeName() + " layer and needs a flat input, but"
                    + " would receive an image of shape " + in + "; keep a Flatten in front of it");
        }
        return in.size();
    }

    private static void requireImage(Node n, Shape in) {
        if (!in.isImage()) {
            throw new WorkbenchException(n.name() + " is a " + n.typeName() + " layer and needs a"
                    + " [channels, height, width] image, but would receive a flat vector of " + in.size()
                    + " values; keep a Reshape in front of it");
        }
    }

    private static Shape spatial(Node n, Shape in, int channels, int kh, int kw, int sh, int sw, Padding padding) {
        int h = padding.outputAndPadBefore(in.height(), kh, sh, true)[0];
        int w = padding.outputAndPadBefore(in.width(), kw, sw, false)[0];
        if (h <= 0 || w <= 0) {
            throw new WorkbenchException(n.name() + ": a " + kh + "x" + kw + " window does not fit its "
                    + in.height() + "x" + in.width() + " input; the output would be empty");
        }
        return Shape.chw(channels, h, w);
    }

    private static Node denseWeights(Node n, int nIn, int nOut, boolean bias, boolean force, Set<String> fresh) {
        int[] w = {nIn, nOut};
        if (!force && fits(n, "W", w) && (!bias || fits(n, "b", new int[] {nOut}))) {
            return n;
        }
        fresh.add(n.name());
        Map<String, Tensor> p = new HashMap<>();
        p.put("W", FreshWeights.xavier(n.name(), w, nIn, nOut));
        if (bias) {
            p.put("b", FreshWeights.filled(nOut, 0f));
        }
        return n.withParams(p);
    }

    private static Node convWeights(Node n, LayerOp.Conv2D c, boolean force, Set<String> fresh) {
        int[] w = {c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW()};
        if (!force && fits(n, "W", w) && (!c.hasBias() || fits(n, "b", new int[] {c.outChannels()}))) {
            return n;
        }
        fresh.add(n.name());
        int area = c.kernelH() * c.kernelW();
        Map<String, Tensor> p = new HashMap<>();
        p.put("W", FreshWeights.xavier(n.name(), w, c.inChannels() * area, c.outChannels() * area));
        if (c.hasBias()) {
            p.put("b", FreshWeights.filled(c.outChannels(), 0f));
        }
        return n.withParams(p);
    }

    private static boolean fits(Node n, String key, int[] shape) {
        return n.param(key).map(t -> Arrays.equals(t.shape(), shape)).orElse(false);
    }
}
