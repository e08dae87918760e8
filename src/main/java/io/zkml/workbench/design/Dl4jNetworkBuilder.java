package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a trainable DL4J network from a chain-shaped graph: a MultiLayerNetwork, or a
 * ComputationGraph when the graph came from one (so the input keeps its name). Flatten and
 * Reshape nodes become DL4J preprocessors on the next layer, which is how the importer reads them
 * back. Weights are copied from the graph wherever they are trained values of the right shape.
 */
public final class Dl4jNetworkBuilder {

    /** One DL4J layer to create: the node it comes from and the preprocessor in front of it. */
    private record Step(Node node, Layer layer, InputPreProcessor preProcessor) {
    }

    /**
     * @param freshLayers layers whose graph weights are placeholders: they keep DL4J's seeded
     *                    initialisation instead
     */
    public BuiltNetwork build(ModelGraph graph, Set<String> freshLayers, RetrainSettings settings) {
        List<Step> steps = steps(graph);
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER);
        Node input = graph.inputNodes().get(0);
        InputType inputType = inputType(input.outputShape());
        Model net;
        if (graph.sourceKind() == ModelGraph.SourceKind.DL4J_COMPUTATION_GRAPH) {
            ComputationGraphConfiguration.GraphBuilder b = base.graphBuilder().addInputs(input.name())
                    .setInputTypes(inputType);
            String prev = input.name();
            for (Step s : steps) {
                b.addLayer(s.node().name(), s.layer(), s.preProcessor(), prev);
                prev = s.node().name();
            }
            ComputationGraph cg = new ComputationGraph(b.setOutputs(prev).build());
            cg.init();
            net = cg;
        } else {
            NeuralNetConfiguration.ListBuilder b = base.list();
            for (int i = 0; i < steps.size(); i++) {
                b.layer(i, steps.get(i).layer());
                if (steps.get(i).preProcessor() != null) {
                    b.inputPreProcessor(i, steps.get(i).preProcessor());
                }
            }
            MultiLayerNetwork mln = new MultiLayerNetwork(b.setInputType(inputType).build());
            mln.init();
            net = mln;
        }
        Set<String> copied = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Node n = steps.get(i).node();
            if (!freshLayers.contains(n.name()) && !n.params().isEmpty()) {
                org.deeplearning4j.nn.api.Layer layer = net instanceof ComputationGraph cg ? cg.getLayer(n.name())
                        : ((MultiLayerNetwork) net).getLayer(i);
                if (copyWeights(n, layer)) {
                    copied.add(n.name());
                }
            }
        }
        return new BuiltNetwork(net, copied);
    }

    /** The graph as a list of DL4J layers, refusing anything that is not a simple chain. */
    private static List<Step> steps(ModelGraph graph) {
        List<Node> nodes = graph.nodes();
        if (graph.inputNodes().size() != 1 || graph.outputs().size() != 1) {
            throw new WorkbenchException(graph.name() + " has " + graph.inputNodes().size() + " inputs and "
                    + graph.outputs().size() + " outputs; design mode retrains networks with one of each");
        }
        String last = graph.outputs().get(0);
        List<Step> steps = new ArrayList<>();
        InputPreProcessor pending = null;
        String prev = graph.inputNodes().get(0).name();
        for (Node n : nodes) {
            if (n.op() instanceof LayerOp.Input) {
                continue;
            }
            if (n.inputs().size() != 1 || !n.inputs().get(0).equals(prev)) {
                throw new WorkbenchException(n.name() + " reads " + n.inputs() + "; design mode retrains chain-shaped"
                        + " networks where every layer reads the one before it");
            }
            prev = n.name();
            Shape in = graph.node(n.inputs().get(0)).outputShape();
            if (n.op() instanceof LayerOp.Flatten) {
                pending = new CnnToFeedForwardPreProcessor(in.height(), in.width(), in.channels());
                continue;
            }
            if (n.op() instanceof LayerOp.Reshape r) {
                Shape t = r.target();
                pending = new FeedForwardToCnnPreProcessor(t.height(), t.width(), t.channels());
                continue;
            }
            steps.add(new Step(n, Dl4jLayers.layer(n, n.name().equals(last)), pending));
            pending = null;
        }
        if (pending != null || steps.isEmpty()) {
            throw new WorkbenchException(graph.name() + " must end in a Dense or Output layer to be trained");
        }
        return steps;
    }

    private static InputType inputType(Shape s) {
        return s.isImage() ? InputType.convolutional(s.height(), s.width(), s.channels())
                : InputType.feedForward(s.size());
    }

    /** Copies the node's tensors into the layer's parameter views; false when any shape differs. */
    private static boolean copyWeights(Node n, org.deeplearning4j.nn.api.Layer layer) {
        List<String[]> pairs = new ArrayList<>();
        if (n.op() instanceof LayerOp.BatchNorm) {
            pairs.add(new String[] {"gamma", "gamma"});
            pairs.add(new String[] {"beta", "beta"});
            pairs.add(new String[] {"mean", "mean"});
        } else {
            pairs.add(new String[] {"W", "W"});
            if (n.params().containsKey("b")) {
                pairs.add(new String[] {"b", "b"});
            }
        }
        for (String[] p : pairs) {
            INDArray view = layer.getParam(p[1]);
            Tensor t = n.params().get(p[0]);
            if (view == null || t == null || view.length() != t.size()
                    || (p[0].equals("W") && !Arrays.equals(view.shape(), toLong(t.shape())))) {
                return false;
            }
        }
        for (String[] p : pairs) {
            INDArray view = layer.getParam(p[1]);
            view.assign(Nd4j.create(n.params().get(p[0]).toArray(), view.shape(), 'c'));
        }
        if (n.op() instanceof LayerOp.BatchNorm bn) {
            // The graph keeps std = sqrt(var + eps); DL4J keeps the variance.
            float[] std = n.params().get("std").toArray();
            float[] var = new float[std.length];
            for (int i = 0; i < std.length; i++) {
                var[i] = (float) ((double) std[i] * std[i] - bn.eps());
            }
            INDArray view = layer.getParam("var");
            view.assign(Nd4j.create(var, view.shape(), 'c'));
        }
        return true;
    }

    private static long[] toLong(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }
}
