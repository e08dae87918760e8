package io.zkml.workbench.importer;

import io.zkml.workbench.graph.InputNormalizer;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Converts a restored MultiLayerNetwork, layer by layer, into a chain-shaped ModelGraph. */
final class MultiLayerNetworkConverter {

    static final String INPUT_NAME = "input";

    private final Dl4jLayerConverter layers = new Dl4jLayerConverter();
    private final PreprocessorConverter preprocessors = new PreprocessorConverter();

    /** The node name used for layer {@code i}: its configured name, else DL4J's default. */
    static String layerName(Layer conf, int i) {
        String n = conf.getLayerName();
        return n == null || n.isBlank() ? "layer" + i : n;
    }

    /**
     * @param inputShape the input's shape when the caller knows it (Keras records it); otherwise
     *                   it is inferred from the first layer
     */
    ModelGraph convert(Path file, String modelName, ModelGraph.SourceKind kind, MultiLayerNetwork net,
                       Optional<Shape> inputShape, Optional<InputNormalizer> normalizer) throws ModelImportException {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        if (n == 0) {
            throw new ModelImportException(file, "the network has no layers");
        }
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            layers.requireSupported(file, ref(layer, i), layer);
        }
        GraphAssembly g = new GraphAssembly(file);
        Layer first = conf.getConf(0).getLayer();
        Shape in = inputShape.or(() -> InputShapeInference.fromConsumer(first, conf.getInputPreProcess(0)))
                .orElseThrow(() -> new ModelImportException(file, ref(first, 0),
                        InputShapeInference.missingMessage(INPUT_NAME)));
        g.add(new Node(INPUT_NAME, new LayerOp.Input(in), List.of(), in, Map.of(), "input"), null);
        String prev = INPUT_NAME;
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            LayerRef ref = ref(layer, i);
            String name = layerName(layer, i);
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                prev = preprocessors.convert(g, ref, pre, prev, name, false);
            }
            prev = layers.convert(g, ref, layer, net.getLayer(i).paramTable(), prev, name);
        }
        if (g.order(prev) != null) {
            throw new ModelImportException(file, "the network ends in a channels-last flatten; add a Dense layer"
                    + " after it");
        }
        return new ModelGraph(modelName, kind, g.nodes(), List.of(prev), normalizer);
    }

    private static LayerRef ref(Layer layer, int i) {
        return new LayerRef(i, layerName(layer, i), layer.getClass().getName());
    }
}
