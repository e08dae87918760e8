package io.zkml.workbench.importer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Refuses a network whose weights, biases or BatchNorm statistics hold NaN or ±Infinity. Such a
 * value has no fixed-point form: quantization would silently turn NaN into 0 (and the exported
 * program would prove a network the model file does not describe) or fail later with a misleading
 * "lower the fractional bits". The message names the file, the layer, the parameter and the index.
 */
final class FiniteParameters {

    private FiniteParameters() {
    }

    static void check(Path file, Model model) throws ModelImportException {
        Map<String, INDArray> table = model.paramTable();
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            INDArray values = e.getValue();
            if (values == null) {
                continue;
            }
            double[] flat = values.dup('c').data().asDouble();
            for (int i = 0; i < flat.length; i++) {
                if (!Double.isFinite(flat[i])) {
                    throw new ModelImportException(file, where(model, e.getKey()) + " holds " + describe(flat[i])
                            + " at index " + i + position(values.shape(), i) + "; a network with non-finite"
                            + " parameters cannot be quantized or proven — retrain it (the training diverged) or"
                            + " fix the stored values");
                }
            }
        }
    }

    static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
    }

    /** DL4J keys parameters "{layer index}_{name}" (MultiLayerNetwork) or "{vertex}_{name}" (graph). */
    private static String where(Model model, String key) {
        int cut = key.lastIndexOf('_');
        String owner = cut > 0 ? key.substring(0, cut) : key;
        String param = cut > 0 ? key.substring(cut + 1) : key;
        String layer = "layer '" + owner + "'";
        if (model instanceof MultiLayerNetwork net) {
            try {
                int i = Integer.parseInt(owner);
                String name = net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName();
                layer = "layer " + i + (name == null ? "" : " '" + name + "'");
            } catch (RuntimeException ignored) {
                // keep the raw owner name
            }
        }
        return layer + ", parameter " + param;
    }

    private static String position(long[] shape, int flatIndex) {
        if (shape.length < 2) {
            return "";
        }
        long[] at = new long[shape.length];
        long rest = flatIndex;
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return " (position " + Arrays.toString(at) + " of shape " + Arrays.toString(shape) + ")";
    }
}
