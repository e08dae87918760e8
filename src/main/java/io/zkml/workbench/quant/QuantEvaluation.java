package io.zkml.workbench.quant;

import java.util.List;

/** Everything the UI shows about one spec on one dataset. */
public record QuantEvaluation(List<LayerError> layers, OutputMetrics output, OverflowReport overflow) {

    public LayerError layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + name));
    }
}
