package io.zkml.workbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Imports Keras .h5 files through DL4J's own Keras import (so the float reference is DL4J's
 * reading of the file) and converts the result like any DL4J network.
 *
 * <p>Image inputs: Keras records channels-last shapes; the graph's Input node is channels-first
 * [C, H, W] like every other image in the graph model, so callers holding channels-last pixels
 * transpose them first. Channels-last flattening is handled in {@link GraphAssembly}.
 */
final class KerasImporter {

    private final ObjectMapper json = new ObjectMapper();
    private final MultiLayerNetworkConverter mlnConverter = new MultiLayerNetworkConverter();
    private final ComputationGraphConverter cgConverter = new ComputationGraphConverter();

    ModelGraph importFile(Path file, String modelName) throws Exception {
        JsonNode modelConfig = readModelConfig(file);
        String className = modelConfig.path("class_name").asText("");
        Map<String, Shape> inputs = inputShapes(modelConfig);
        if ("Sequential".equals(className)) {
            MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);
            FiniteParameters.check(file, net);
            Optional<Shape> in = inputs.values().stream().findFirst();
            return mlnConverter.convert(file, modelName, ModelGraph.SourceKind.KERAS_SEQUENTIAL, net, in,
                    Optional.empty());
        }
        ComputationGraph cg = KerasModelImport.importKerasModelAndWeights(file.toString(), false);
        FiniteParameters.check(file, cg);
        return cgConverter.convert(file, modelName, ModelGraph.SourceKind.KERAS_FUNCTIONAL, cg, inputs,
                Optional.empty());
    }

    private JsonNode readModelConfig(Path file) throws Exception {
        try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new ModelImportException(file, "the HDF5 file has no 'model_config' attribute, so it holds"
                        + " weights only; save the whole model with Keras model.save('model.h5')");
            }
            return json.readTree(archive.readAttributeAsJson("model_config"));
        }
    }

    /** Input shapes by input layer name, channels-first, from the layers' batch_input_shape. */
    private static Map<String, Shape> inputShapes(JsonNode modelConfig) {
        JsonNode config = modelConfig.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        boolean channelsFirst = modelConfig.toString().contains("\"channels_first\"");
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (JsonNode layer : layers) {
            JsonNode lc = layer.path("config");
            JsonNode dims = lc.path("batch_input_shape");
            if (!dims.isArray()) {
                continue;
            }
            // A functional model's DL4J input vertex is named after its InputLayer; a Sequential model
            // has one input, which the MultiLayerNetwork converter calls "input".
            String name = layer.path("class_name").asText().equals("InputLayer") ? lc.path("name").asText()
                    : MultiLayerNetworkConverter.INPUT_NAME;
            toShape(dims, channelsFirst).ifPresent(s -> shapes.putIfAbsent(name, s));
        }
        return shapes;
    }

    private static Optional<Shape> toShape(JsonNode dims, boolean channelsFirst) {
        int rank = dims.size() - 1;
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            JsonNode v = dims.get(i + 1);
            if (!v.isNumber()) {
                return Optional.empty();
            }
            d[i] = v.asInt();
        }
        if (rank == 1) {
            return Optional.of(Shape.flat(d[0]));
        }
        if (rank == 3) {
            return Optional.of(channelsFirst ? Shape.chw(d[0], d[1], d[2]) : Shape.chw(d[2], d[0], d[1]));
        }
        return Optional.empty();
    }
}
