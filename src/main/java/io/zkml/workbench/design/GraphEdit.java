package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Design edits on the immutable graph. Each returns a new graph whose shapes agree end to end
 * (see {@link ShapePropagation}) together with the layers that need new weights, or throws a
 * {@link WorkbenchException} saying why the edit cannot be made; the input graph never changes.
 */
public final class GraphEdit {

    /** The DL4J classes new nodes will become, so messages and the inspector name them like imported ones. */
    static final String DENSE_CLASS = "org.deeplearning4j.nn.conf.layers.DenseLayer";
    static final String ACTIVATION_CLASS = "org.deeplearning4j.nn.conf.layers.ActivationLayer";

    private GraphEdit() {
    }

    /** Inserts a Dense layer between {@code after} and the nodes that read it. */
    public static Edit addDenseAfter(ModelGraph g, String after, int units, Activation activation) {
        requirePositive(units, "units");
        Node at = insertionPoint(g, after, "a Dense layer");
        Shape in = at.outputShape();
        if (in.isImage()) {
            throw new WorkbenchException("A Dense layer needs a flat input, but " + after + " outputs an image of shape "
                    + in + "; add it after the Flatten instead");
        }
        String name = freshName(g, "dense");
        Node dense = new Node(name, new LayerOp.Dense(in.size(), units, true, activation), List.of(after),
                Shape.flat(units), Map.of(), DENSE_CLASS);
        return insert(g, at, dense, Set.of(name), "Add Dense(" + units + ", " + activation + ") after " + after);
    }

    /** Inserts a stand-alone activation layer after {@code after}. */
    public static Edit addActivationAfter(ModelGraph g, String after, Activation activation) {
        Node at = insertionPoint(g, after, "an activation");
        String name = freshName(g, "act");
        Node act = new Node(name, new LayerOp.Act(activation), List.of(after), at.outputShape(), Map.of(),
                ACTIVATION_CLASS);
        return insert(g, at, act, Set.of(), "Add " + activation + " after " + after);
    }

    /**
     * Removes a node and connects its single input straight to its consumers. Refused for the
     * input, the output and when the consumers could not take what then reaches them.
     */
    public static Edit delete(ModelGraph g, String nodeName) {
        Node n = g.node(nodeName);
        if (n.op() instanceof LayerOp.Input) {
            throw new WorkbenchException("The input " + nodeName + " cannot be deleted: every model needs its input");
        }
        if (g.outputs().contains(nodeName)) {
            throw new WorkbenchException(nodeName + " is the model's output and cannot be deleted; its units are the"
                    + " model's classes or targets");
        }
        if (n.inputs().size() != 1) {
            throw new WorkbenchException(nodeName + " reads " + n.inputs().size() + " inputs; only a node with a single"
                    + " input can be deleted and bridged");
        }
        String source = n.inputs().get(0);
        List<Node> nodes = new ArrayList<>();
        for (Node m : g.nodes()) {
            if (!m.name().equals(nodeName)) {
                nodes.add(rewire(m, nodeName, source));
            }
        }
        try {
            return finish(g, nodes, g.outputs(), Set.of(), "Delete " + nodeName);
        } catch (WorkbenchException e) {
            throw new WorkbenchException("Deleting " + nodeName + " would break the shapes: " + e.getMessage(), e);
        }
    }

    /** Changes a Dense layer's width; it and the layer reading it get new weights. */
    public static Edit setUnits(ModelGraph g, String nodeName, int units) {
        requirePositive(units, "units");
        Node n = g.node(nodeName);
        LayerOp op;
        if (n.op() instanceof LayerOp.Dense d) {
            op = new LayerOp.Dense(d.nIn(), units, d.hasBias(), d.activation());
        } else if (n.op() instanceof LayerOp.Output o) {
            if (o.nOut() != units) {
                throw new WorkbenchException(nodeName + " is the output layer: its " + o.nOut()
                        + " units are the dataset's classes or targets and cannot change");
            }
            return unchanged(g, "Units of " + nodeName);
        } else {
            throw new WorkbenchException(nodeName + " is a " + n.typeName() + " layer; only Dense layers have units");
        }
        return replaceOp(g, n, op, Shape.flat(units), "Set " + nodeName + " to " + units + " units");
    }

    /** Changes a convolution's filter count and kernel; it and what reads it are recomputed. */
    public static Edit setConvolution(ModelGraph g, String nodeName, int filters, int kernelH, int kernelW) {
        requirePositive(filters, "filters");
        requirePositive(kernelH, "kernel height");
        requirePositive(kernelW, "kernel width");
        Node n = g.node(nodeName);
        if (!(n.op() instanceof LayerOp.Conv2D c)) {
            throw new WorkbenchException(nodeName + " is a " + n.typeName() + " layer; only Conv2D layers have filters"
                    + " and a kernel");
        }
        LayerOp.Conv2D op = new LayerOp.Conv2D(c.inChannels(), filters, kernelH, kernelW, c.strideH(), c.strideW(),
                c.padding(), c.hasBias(), c.activation());
        return replaceOp(g, n, op, n.outputShape(), "Set " + nodeName + " to " + filters + " filters of "
                + kernelH + "x" + kernelW);
    }

    /** Changes the activation of a Dense, Output, Conv2D or Activation node; weights stay. */
    public static Edit setActivation(ModelGraph g, String nodeName, Activation activation) {
        Node n = g.node(nodeName);
        LayerOp op;
        if (n.op() instanceof LayerOp.Dense d) {
            op = new LayerOp.Dense(d.nIn(), d.nOut(), d.hasBias(), activation);
        } else if (n.op() instanceof LayerOp.Output o) {
            op = new LayerOp.Output(o.nIn(), o.nOut(), o.hasBias(), activation, o.loss());
        } else if (n.op() instanceof LayerOp.Conv2D c) {
            op = new LayerOp.Conv2D(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                    c.strideW(), c.padding(), c.hasBias(), activation);
        } else if (n.op() instanceof LayerOp.Act) {
            op = new LayerOp.Act(activation);
        } else {
            throw new WorkbenchException(nodeName + " is a " + n.typeName() + " layer and has no activation to change");
        }
        List<Node> nodes = g.nodes().stream()
                .map(m -> m == n ? new Node(n.name(), op, n.inputs(), n.outputShape(), n.params(), n.sourceClass()) : m)
                .toList();
        return finish(g, nodes, g.outputs(), Set.of(), "Set " + nodeName + " activation to " + activation);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Node insertionPoint(ModelGraph g, String after, String what) {
        Node at = g.node(after);
        if (g.outputs().contains(after)) {
            throw new WorkbenchException("Nothing can follow the output " + after + "; add " + what
                    + " before it instead");
        }
        return at;
    }

    private static Edit insert(ModelGraph g, Node at, Node added, Set<String> fresh, String description) {
        List<Node> nodes = new ArrayList<>();
        for (Node m : g.nodes()) {
            nodes.add(rewire(m, at.name(), added.name()));
            if (m == at) {
                nodes.add(added);
            }
        }
        return finish(g, nodes, g.outputs(), fresh, description);
    }

    private static Edit replaceOp(ModelGraph g, Node n, LayerOp op, Shape shape, String description) {
        List<Node> nodes = g.nodes().stream()
                .map(m -> m == n ? new Node(n.name(), op, n.inputs(), shape, n.params(), n.sourceClass()) : m)
                .toList();
        return finish(g, nodes, g.outputs(), Set.of(), description);
    }

    /** Consumers of {@code from} read {@code to} instead (the added node itself keeps reading {@code from}). */
    private static Node rewire(Node m, String from, String to) {
        if (m.name().equals(to) || !m.inputs().contains(from)) {
            return m;
        }
        List<String> inputs = m.inputs().stream().map(i -> i.equals(from) ? to : i).toList();
        return new Node(m.name(), m.op(), inputs, m.outputShape(), m.params(), m.sourceClass());
    }

    private static Edit finish(ModelGraph g, List<Node> nodes, List<String> outputs, Set<String> forceFresh,
                               String description) {
        ShapePropagation.Result r = ShapePropagation.propagate(nodes, forceFresh);
        return new Edit(g.withNodes(r.nodes(), outputs), r.reinitialised(), description);
    }

    private static Edit unchanged(ModelGraph g, String description) {
        return new Edit(g, Set.of(), description);
    }

    private static String freshName(ModelGraph g, String prefix) {
        for (int i = 0; ; i++) {
            String name = prefix + i;
            if (g.indexOf(name) < 0) {
                return name;
            }
        }
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new WorkbenchException("The number of " + what + " must be at least 1, not " + value);
        }
    }
}
