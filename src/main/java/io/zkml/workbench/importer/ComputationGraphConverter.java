package io.zkml.workbench.importer;

import io.zkml.workbench.graph.InputNormalizer;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Converts a restored ComputationGraph into a ModelGraph, vertex by vertex in DL4J's own
 * topological order, so node names equal vertex names and DL4J's activations map 1:1.
 */
final class ComputationGraphConverter {

    private final Dl4jLayerConverter layers = new Dl4jLayerConverter();
    private final PreprocessorConverter preprocessors = new PreprocessorConverter();

    /** @param inputShapes known shapes of network inputs by name (Keras records them); others are inferred */
    ModelGraph convert(Path file, String modelName, ModelGraph.SourceKind kind, ComputationGraph cg,
                       Map<String, Shape> inputShapes, Optional<InputNormalizer> normalizer)
            throws ModelImportException {
        ComputationGraphConfiguration conf = cg.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        List<String> networkInputs = conf.getNetworkInputs();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                layers.requireSupported(file, LayerRef.vertex(e.getKey(), layer.getClass().getName()), layer);
            }
        }
        GraphAssembly g = new GraphAssembly(file);
        for (int idx : cg.topologicalSortOrder()) {
            String name = cg.getVertices()[idx].getVertexName();
            if (networkInputs.contains(name)) {
                Shape shape = inputShape(file, name, inputShapes, vertices, vertexInputs);
                g.add(new Node(name, new LayerOp.Input(shape), List.of(), shape, Map.of(), "input"), null);
                continue;
            }
            GraphVertex v = vertices.get(name);
            List<String> ins = vertexInputs.getOrDefault(name, List.of());
            convertVertex(g, cg, name, v, ins);
        }
        for (String out : conf.getNetworkOutputs()) {
            if (g.order(out) != null) {
                throw new ModelImportException(file, LayerRef.vertex(out, vertices.get(out).getClass().getName()),
                        "the network output is a channels-last flatten; add a Dense layer after it");
            }
        }
        return new ModelGraph(modelName, kind, g.nodes(), conf.getNetworkOutputs(), normalizer);
    }

    private void convertVertex(GraphAssembly g, ComputationGraph cg, String name, GraphVertex v, List<String> ins)
            throws ModelImportException {
        Path file = g.file();
        if (v instanceof LayerVertex lv) {
            Layer layer = lv.getLayerConf().getLayer();
            LayerRef ref = LayerRef.vertex(name, layer.getClass().getName());
            requireInputs(file, ref, ins, 1);
            String prev = ins.get(0);
            if (lv.getPreProcessor() != null) {
                prev = preprocessors.convert(g, ref, lv.getPreProcessor(), prev, name, false);
            }
            layers.convert(g, ref, layer, cg.getLayer(name).paramTable(), prev, name);
            return;
        }
        LayerRef ref = LayerRef.vertex(name, v.getClass().getName());
        if (v instanceof PreprocessorVertex pv) {
            requireInputs(file, ref, ins, 1);
            preprocessors.convert(g, ref, pv.getPreProcessor(), ins.get(0), name, true);
            return;
        }
        if (v instanceof ElementWiseVertex ew) {
            if (ew.getOp() != ElementWiseVertex.Op.Add) {
                throw new ModelImportException(file, ref, "element-wise " + ew.getOp() + " is not supported;"
                        + " only ElementWiseVertex Add is");
            }
            addVertex(g, ref, name, ins, v);
            return;
        }
        if (v instanceof MergeVertex) {
            throw new ModelImportException(file, ref, "MergeVertex (concatenation) is not supported; supported"
                    + " vertices: layers, ElementWiseVertex Add, preprocessor vertices; combine branches with"
                    + " ElementWiseVertex(Op.Add) instead");
        }
        throw new ModelImportException(file, ref, "vertex type " + v.getClass().getSimpleName()
                + " is not supported; supported vertices: layers, ElementWiseVertex Add, preprocessor vertices");
    }

    private static void addVertex(GraphAssembly g, LayerRef ref, String name, List<String> ins, GraphVertex v)
            throws ModelImportException {
        if (ins.size() < 2) {
            throw new ModelImportException(g.file(), ref, "an Add needs at least two inputs, got " + ins);
        }
        Shape shape = g.shape(ins.get(0));
        for (String in : ins) {
            if (!g.shape(in).equals(shape)) {
                throw new ModelImportException(g.file(), ref, "Add inputs differ in shape: " + ins.get(0) + " is "
                        + shape + ", " + in + " is " + g.shape(in));
            }
            if (g.order(in) != null) {
                throw new ModelImportException(g.file(), ref, "adding channels-last flattened vectors is not"
                        + " supported; add before flattening");
            }
        }
        g.add(new Node(name, new LayerOp.ElementwiseAdd(), ins, shape, Map.of(), v.getClass().getName()), ref);
    }

    private static void requireInputs(Path file, LayerRef ref, List<String> ins, int n) throws ModelImportException {
        if (ins.size() != n) {
            throw new ModelImportException(file, ref, "expects " + n + " input(s), has " + ins);
        }
    }

    private static Shape inputShape(Path file, String input, Map<String, Shape> known,
                                    Map<String, GraphVertex> vertices, Map<String, List<String>> vertexInputs)
            throws ModelImportException {
        if (known.containsKey(input)) {
            return known.get(input);
        }
        List<String> consumers = new ArrayList<>();
        vertexInputs.forEach((v, ins) -> {
            if (ins.contains(input)) {
                consumers.add(v);
            }
        });
        for (String c : consumers) {
            if (vertices.get(c) instanceof LayerVertex lv) {
                InputPreProcessor pre = lv.getPreProcessor();
                Optional<Shape> s = InputShapeInference.fromConsumer(lv.getLayerConf().getLayer(), pre);
                if (s.isPresent()) {
                    return s.get();
                }
            }
        }
        throw new ModelImportException(file, InputShapeInference.missingMessage(input));
    }
}
