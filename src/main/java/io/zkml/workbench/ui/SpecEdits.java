package io.zkml.workbench.ui;

import io.zkml.workbench.quant.QuantSpec;

import java.util.List;
import java.util.Objects;

/** Names a spec edit for the undo history ("Quantization of conv1"), from what changed. */
final class SpecEdits {

    private SpecEdits() {
    }

    static String describe(QuantSpec before, QuantSpec after) {
        if (before == null || after == null) {
            return "Quantization";
        }
        List<String> layers = after.layers().keySet().stream()
                .filter(n -> !Objects.equals(before.layers().get(n), after.layers().get(n))).sorted().toList();
        boolean input = before.inputFracBits() != after.inputFracBits() || before.inputBits() != after.inputBits();
        if (layers.isEmpty()) {
            return input ? "Input quantization" : "Quantization";
        }
        String names = layers.size() <= 2 ? String.join(", ", layers) : layers.size() + " layers";
        return "Quantization of " + names + (input ? " and the input" : "");
    }
}
