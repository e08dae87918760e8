package io.zkml.workbench.quant;

import io.zkml.workbench.graph.ModelGraph;

/** Whether a spec read from a file fits the model it is used with (an entry per layer, valid shifts). */
public final class SpecFit {

    private SpecFit() {
    }

    /**
     * @param source names the spec for the message (its file)
     * @throws QuantSpecJson.QuantSpecFormatException naming the layer and what to do when it does not fit
     */
    public static void require(ModelGraph graph, QuantSpec spec, String source) {
        try {
            QuantizedGraphBuilder.build(graph, spec);
        } catch (IllegalArgumentException e) {
            throw new QuantSpecJson.QuantSpecFormatException(source + ": the quantization spec does not fit the model "
                    + graph.name() + ": " + e.getMessage() + "; edit that entry, or write a spec for this model with"
                    + " `zkml calibrate MODEL --out SPEC`", e);
        }
    }
}
