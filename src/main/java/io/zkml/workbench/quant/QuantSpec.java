package io.zkml.workbench.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole model's fixed-point specification, saved as JSON next to the project. Nodes that only
 * move or select values (Input, Flatten, Reshape, Dropout, MaxPool) need no entry: they keep
 * their input's scale and width. Every other node needs one.
 *
 * @param version        format version, {@link #CURRENT_VERSION}
 * @param inputFracBits  fractional bits of the quantized model input
 * @param inputBits      the quantized input must fit signed inputBits (it is clamped)
 * @param foldBatchNorm  fold BatchNorm into the preceding linear layer before quantizing
 * @param layers         per node name
 */
public record QuantSpec(int version, int inputFracBits, int inputBits, boolean foldBatchNorm,
                        Map<String, LayerQuant> layers) {

    public static final int CURRENT_VERSION = 1;

    public QuantSpec {
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("unsupported quantization spec version " + version
                    + " (this build reads version " + CURRENT_VERSION + ")");
        }
        if (inputFracBits < LayerQuant.MIN_FRAC_BITS || inputFracBits > LayerQuant.MAX_FRAC_BITS) {
            throw new IllegalArgumentException("inputFracBits must be " + LayerQuant.MIN_FRAC_BITS + ".."
                    + LayerQuant.MAX_FRAC_BITS + ", got " + inputFracBits);
        }
        if (inputBits < 2 || inputBits > 48) {
            throw new IllegalArgumentException("inputBits must be 2..48, got " + inputBits);
        }
        for (Map.Entry<String, LayerQuant> e : (layers == null ? Map.<String, LayerQuant>of() : layers).entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("the layer entry " + e.getKey() + " has no name or no settings");
            }
        }
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers == null ? Map.of() : layers));
    }

    public static QuantSpec of(int inputFracBits, Map<String, LayerQuant> layers) {
        return new QuantSpec(CURRENT_VERSION, inputFracBits, 16, true, layers);
    }

    public LayerQuant layer(String nodeName) {
        return layers.get(nodeName);
    }

    /** A copy with one node's settings replaced (or added). */
    public QuantSpec withLayer(String nodeName, LayerQuant q) {
        Map<String, LayerQuant> m = new LinkedHashMap<>(layers);
        m.put(nodeName, q);
        return new QuantSpec(version, inputFracBits, inputBits, foldBatchNorm, m);
    }

    public QuantSpec withInput(int fracBits, int bits) {
        return new QuantSpec(version, fracBits, bits, foldBatchNorm, layers);
    }
}
