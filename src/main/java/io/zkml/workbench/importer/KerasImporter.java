package io.zkml.workbench.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Imports Keras .h5 files: {@link KerasH5Reader} reads the file (pure Java, bounded), DL4J's Keras
 * import builds the network from the model's JSON, {@link KerasWeights} gives it the file's weights
 * where DL4J's own import would, and the result is converted like any DL4J network.
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
        KerasH5Reader.H5Group tree = KerasH5Reader.read(file);
        JsonNode modelConfig = modelConfig(file, tree);
        String className = modelConfig.path("class_name").asText("");
        Map<String, Shape> inputs = inputShapes(modelConfig);
        ObjectNode modelJson = modelJson(file, tree, (ObjectNode) modelConfig);
        String json = this.json.writeValueAsString(modelJson);
        int kerasMajorVersion = Character.getNumericValue(modelJson.path("keras_version").asText().charAt(0));
        // DL4J builds the model from its JSON as a string and takes the weights read above: it never opens
        // the file (KerasH5Reader says why).
        if ("Sequential".equals(className)) {
            KerasSequentialModel keras = new KerasSequentialModel().modelBuilder().modelJson(json)
                    .enforceTrainingConfig(false).buildSequential();
            KerasWeights.set(file, tree, keras.getLayers(), kerasMajorVersion);
            MultiLayerConfiguration conf = keras.getMultiLayerConfiguration();
            KerasWeights.checkParameterCount(file, conf.getConfs());
            MultiLayerNetwork net = new MultiLayerNetwork(conf); // what getMultiLayerNetwork(true) does, checked
            net.init();
            KerasWeights.checkShapes(file, keras.getLayers(), java.util.Arrays.asList(net.getLayers()));
            KerasModelUtils.copyWeightsToModel(net, keras.getLayers());
            FiniteParameters.check(file, net);
            Optional<Shape> in = inputs.values().stream().findFirst();
            return mlnConverter.convert(file, modelName, ModelGraph.SourceKind.KERAS_SEQUENTIAL, net, in,
                    Optional.empty());
        }
        KerasModel keras = new KerasModel().modelBuilder().modelJson(json).enforceTrainingConfig(false).buildModel();
        KerasWeights.set(file, tree, keras.getLayers(), kerasMajorVersion);
        ComputationGraphConfiguration conf = keras.getComputationGraphConfiguration();
        KerasWeights.checkParameterCount(file, conf.getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex).map(v -> ((LayerVertex) v).getLayerConf()).toList());
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        KerasWeights.checkShapes(file, keras.getLayers(), java.util.Arrays.asList(cg.getLayers()));
        KerasModelUtils.copyWeightsToModel(cg, keras.getLayers());
        FiniteParameters.check(file, cg);
        return cgConverter.convert(file, modelName, ModelGraph.SourceKind.KERAS_FUNCTIONAL, cg, inputs,
                Optional.empty());
    }

    private JsonNode modelConfig(Path file, KerasH5Reader.H5Group tree) throws ModelImportException {
        String config = tree.attributes().get("model_config");
        if (config == null) {
            throw new ModelImportException(file, "the HDF5 file has no 'model_config' attribute, so it holds"
                    + " weights only; save the whole model with Keras model.save('model.h5')");
        }
        JsonNode node;
        try {
            node = json.readTree(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelImportException(file, "the model's 'model_config' attribute is not JSON ("
                    + e.getOriginalMessage() + "); save the model again with Keras model.save('model.h5')", e);
        }
        if (!node.isObject()) {
            throw new ModelImportException(file, "the model's 'model_config' attribute is not a JSON object; save the"
                    + " model again with Keras model.save('model.h5')");
        }
        return node;
    }

    /**
     * The model's JSON with the file's Keras version and backend in it, as DL4J's own reading of a .h5
     * puts them (its import reads the version's first five characters and, for Keras 2, the backend).
     */
    private ObjectNode modelJson(Path file, KerasH5Reader.H5Group tree, ObjectNode config) throws ModelImportException {
        String version = tree.attributes().get("keras_version");
        if (version == null || version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            throw new ModelImportException(file, "the HDF5 file has no Keras version ('keras_version' attribute);"
                    + " save the model again with Keras model.save('model.h5')");
        }
        ObjectNode out = config.deepCopy();
        out.put("keras_version", version.substring(0, Math.min(5, version.length())));
        if (version.charAt(0) == '2') {
            String backend = tree.attributes().get("backend");
            if (backend == null) {
                throw new ModelImportException(file, "the Keras 2 file names no backend ('backend' attribute); save"
                        + " the model again with Keras model.save('model.h5')");
            }
            out.put("backend", backend);
        }
        return out;
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
