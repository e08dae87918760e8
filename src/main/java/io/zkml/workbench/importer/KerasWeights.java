package io.zkml.workbench.importer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gives each layer of DL4J's Keras model its weights from what {@link KerasH5Reader} read, where DL4J's
 * own import finds them ({@code KerasModelUtils.importWeights}, DL4J 1.0.0-M2.1): the layer groups under
 * {@code model_weights}; in each, the group its {@code weight_names} point to (TensorFlow's nested names)
 * or, for Keras 2, the group named after the layer; a dataset's parameter name is its name without the
 * layer's name, a leading underscore and TensorFlow's {@code :0} and {@code _1} suffixes. The layer checks
 * the parameters it is given ({@link KerasLayer#setWeights}). Layer names are matched literally, where
 * DL4J compiles them as regular expressions.
 */
final class KerasWeights {

    private static final Pattern TF_SUFFIX = Pattern.compile(":\\d+");

    private KerasWeights() {
    }

    /**
     * @param kerasMajorVersion 1 or 2, as the model's JSON says
     * @throws ModelImportException naming the file when the file has no weights, or weights for a layer the
     *                              model does not have, or none for a layer that needs them
     */
    static void set(Path file, KerasH5Reader.H5Group root, Map<String, KerasLayer> layers, int kerasMajorVersion)
            throws ModelImportException, InvalidKerasConfigurationException {
        KerasH5Reader.H5Group weights = child(root, "model_weights").orElseThrow(() -> new ModelImportException(file,
                "the HDF5 file has no 'model_weights' group, so it holds no weights; save the whole model with Keras"
                        + " model.save('model.h5')"));
        Set<String> found = new HashSet<>();
        for (KerasH5Reader.H5Group group : weights.groups()) {
            String layerName = group.name();
            found.add(layerName);
            String names = group.attributes().get("weight_names");
            if (names == null) {
                throw new ModelImportException(file, "the weights of layer '" + layerName + "' have no 'weight_names'"
                        + " attribute; save the model again with Keras model.save('model.h5')");
            }
            List<KerasH5Reader.H5Dataset> params = params(group, layerName, names, layers.get(layerName),
                    kerasMajorVersion);
            if (params.isEmpty()) {
                continue;
            }
            KerasLayer layer = layers.get(layerName);
            if (layer == null) {
                throw new ModelImportException(file, "the file has weights for a layer named '" + layerName
                        + "' that its model does not have");
            }
            Map<String, INDArray> values = new HashMap<>();
            for (KerasH5Reader.H5Dataset d : params) {
                values.put(parameterName(d.name(), layerName), Nd4j.create(d.values(), d.dims(), 'c')
                        .castTo(DataType.FLOAT));
            }
            layer.setWeights(values);
        }
        for (Map.Entry<String, KerasLayer> layer : layers.entrySet()) {
            if (!found.contains(layer.getKey()) && layer.getValue().getNumParams() > 0) {
                throw new ModelImportException(file, "the file has no weights for layer '" + layer.getKey() + "'");
            }
        }
    }

    /**
     * Refuses a model whose JSON declares more parameters than a Keras file is read with, before DL4J
     * allocates them (a changed "units" would otherwise allocate whatever it says).
     */
    static void checkParameterCount(Path file, List<NeuralNetConfiguration> layers) throws ModelImportException {
        long n = 0;
        for (NeuralNetConfiguration c : layers) {
            n += c.getLayer().initializer().numParams(c);
            if (n > KerasH5Reader.MAX_VALUES) {
                throw new ModelImportException(file, "the model declares more than " + KerasH5Reader.MAX_VALUES
                        + " parameters (at layer '" + c.getLayer().getLayerName() + "')");
            }
        }
    }

    /**
     * Each parameter of the network has a weight of as many values from the file, before DL4J copies them
     * in: DL4J's copy trusts the lengths, and a weight of another size written into a parameter corrupted
     * native memory (a mutated file's JSON changing a layer's size, found by fuzzing).
     */
    static void checkShapes(Path file, Map<String, KerasLayer> keras, List<org.deeplearning4j.nn.api.Layer> network)
            throws ModelImportException {
        for (org.deeplearning4j.nn.api.Layer layer : network) {
            String name = layer.conf().getLayer().getLayerName();
            Map<String, INDArray> params = layer.paramTable();
            if (params.isEmpty()) {
                continue;
            }
            KerasLayer k = keras.get(name);
            Map<String, INDArray> weights = k == null ? Map.of() : k.getWeights();
            for (Map.Entry<String, INDArray> p : params.entrySet()) {
                INDArray w = weights == null ? null : weights.get(p.getKey());
                if (w == null || w.length() != p.getValue().length()) {
                    throw new ModelImportException(file, "layer '" + name + "' needs " + p.getValue().length()
                            + " values for its parameter " + p.getKey() + ", and the file has "
                            + (w == null ? "none" : w.length()) + "; the model's JSON and its weights disagree");
                }
            }
        }
    }

    /** The datasets of a layer group that DL4J would read as the layer's parameters. */
    private static List<KerasH5Reader.H5Dataset> params(KerasH5Reader.H5Group group, String layerName, String names,
                                                       KerasLayer layer, int kerasMajorVersion) {
        if (TF_SUFFIX.matcher(names).find()) {
            // "dense/kernel:0 dense/bias:0": the path before the first name with a ":N" suffix.
            StringBuilder path = new StringBuilder();
            for (String part : names.split("/")) {
                part = part.strip();
                if (part.isEmpty() || TF_SUFFIX.matcher(part).find()) {
                    break;
                }
                path.append(path.length() == 0 ? "" : "/").append(part);
            }
            return at(group, path.toString()).map(KerasH5Reader.H5Group::datasets).orElse(List.of());
        }
        if (kerasMajorVersion == 2 && layer != null && layer.getNumParams() > 0) {
            return child(group, layerName).map(KerasH5Reader.H5Group::datasets).orElse(List.of());
        }
        return group.datasets();
    }

    /** {@code dense_1_W:0} of layer {@code dense_1} is {@code W}; {@code kernel:0} is {@code kernel}. */
    static String parameterName(String dataset, String layerName) {
        String name = dataset.startsWith(layerName) ? dataset.substring(layerName.length()) : dataset;
        if (name.startsWith("_") && name.length() > 1) {
            name = name.substring(1);
        }
        name = name.replaceFirst(":\\d+?$", "");
        return name.replaceFirst("_\\d+$", "");
    }

    private static Optional<KerasH5Reader.H5Group> at(KerasH5Reader.H5Group from, String path) {
        Optional<KerasH5Reader.H5Group> g = Optional.of(from);
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                g = g.flatMap(x -> child(x, part));
            }
        }
        return g;
    }

    private static Optional<KerasH5Reader.H5Group> child(KerasH5Reader.H5Group g, String name) {
        return g.groups().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
