package io.zkml.workbench.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code inspect} reports about a model: a stable, serialisable view of the graph.
 * Field names are part of the CLI's documented JSON output; change them only with the README.
 */
public record GraphSummary(String model, String sourceKind, List<Integer> inputShape, List<Integer> outputShape,
                           long parameters, String normalizer, List<LayerSummary> layers) {

    public record LayerSummary(int index, String name, String type, List<String> inputs, List<Integer> outputShape,
                               long parameters, String activation, String sourceClass, String details) {
    }

    public static GraphSummary of(ModelGraph g) {
        List<LayerSummary> layers = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            layers.add(new LayerSummary(i, n.name(), n.typeName(), n.inputs(), dims(n.outputShape()),
                    n.parameterCount(), n.op().activation().toString(), n.sourceClass(), details(n.op())));
        }
        String norm = g.normalizer().map(InputNormalizer::kind).orElse("none");
        return new GraphSummary(g.name(), g.sourceKind().name(), dims(g.inputShape()),
                dims(g.outputNode().outputShape()), g.parameterCount(), norm, layers);
    }

    private static List<Integer> dims(Shape s) {
        List<Integer> l = new ArrayList<>();
        for (int d : s.dims()) {
            l.add(d);
        }
        return l;
    }

    private static String details(LayerOp op) {
        return op.accept(DETAILS);
    }

    /** Each op's configuration in one line, through the op visitor (a new op must say what it shows). */
    private static final LayerOp.Visitor<String> DETAILS = new LayerOp.Visitor<>() {
        @Override
        public String dense(LayerOp.Dense d) {
            return d.nIn() + "->" + d.nOut();
        }

        @Override
        public String output(LayerOp.Output o) {
            return o.nIn() + "->" + o.nOut() + ", loss " + o.loss();
        }

        @Override
        public String conv2d(LayerOp.Conv2D c) {
            return c.outChannels() + " filters " + c.kernelH() + "x" + c.kernelW() + ", stride " + c.strideH()
                    + "x" + c.strideW() + ", padding " + c.padding();
        }

        @Override
        public String pool2d(LayerOp.Pool2D p) {
            return p.kernelH() + "x" + p.kernelW() + ", stride " + p.strideH() + "x" + p.strideW()
                    + ", padding " + p.padding();
        }

        @Override
        public String batchNorm(LayerOp.BatchNorm b) {
            return b.features() + " features, eps " + b.eps();
        }

        @Override
        public String dropout(LayerOp.Dropout d) {
            return "retain " + d.retainProbability() + " (identity at inference)";
        }

        // The rest are described by their type name and shapes alone.
        @Override
        public String input(LayerOp.Input op) {
            return "";
        }

        @Override
        public String act(LayerOp.Act op) {
            return "";
        }

        @Override
        public String flatten(LayerOp.Flatten op) {
            return "";
        }

        @Override
        public String reshape(LayerOp.Reshape op) {
            return "";
        }

        @Override
        public String add(LayerOp.ElementwiseAdd op) {
            return "";
        }
    };
}
