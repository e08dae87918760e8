package io.zkml.workbench.quant;

import java.util.List;

/**
 * Everything the UI shows about one spec on one dataset.
 *
 * @param reference the float model the errors and the float accuracy were measured against
 */
public record QuantEvaluation(List<LayerError> layers, OutputMetrics output, OverflowReport overflow,
                              ReferenceSource reference) {

    public LayerError layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + name));
    }
}
