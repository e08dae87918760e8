package io.zkml.workbench.design;

import org.deeplearning4j.nn.api.Model;

import java.util.Set;

/**
 * A DL4J network built from a graph.
 *
 * @param network       an initialised MultiLayerNetwork or ComputationGraph
 * @param copiedWeights layers that start from the graph's weights; the others start from DL4J's initialisation
 */
public record BuiltNetwork(Model network, Set<String> copiedWeights) {

    public BuiltNetwork {
        copiedWeights = Set.copyOf(copiedWeights);
    }
}
