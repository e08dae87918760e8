package io.zkml.workbench.design;

import io.zkml.workbench.graph.ModelGraph;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A finished retraining.
 *
 * @param modelFile     the trained network with its normaliser, a DL4J zip in a fresh temp folder
 * @param graph         that file re-imported, exactly as opening it would give
 * @param losses        mean training loss per epoch
 * @param copiedWeights layers that started from the previous weights rather than from scratch
 */
public record RetrainResult(Path modelFile, ModelGraph graph, List<Double> losses, Set<String> copiedWeights) {

    public RetrainResult {
        losses = List.copyOf(losses);
        copiedWeights = Set.copyOf(copiedWeights);
    }
}
