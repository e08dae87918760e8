package io.zkml.workbench.quant;

import java.util.List;

/**
 * The integer program for one model and spec: layers in topological order (same order as the
 * folded graph's nodes), the output layer's index, and problems found while quantizing the
 * parameters (e.g. a weight that does not fit a narrow integer domain; sample index -1).
 */
public record QuantizedGraph(String modelName, List<QuantizedLayer> layers, int outputIndex,
                             List<OverflowEvent> parameterIssues) {

    public QuantizedGraph {
        layers = List.copyOf(layers);
        parameterIssues = List.copyOf(parameterIssues);
    }

    public QuantizedLayer layer(int i) {
        return layers.get(i);
    }

    public QuantizedLayer output() {
        return layers.get(outputIndex);
    }

    public int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
