package io.zkml.workbench.design;

import io.zkml.workbench.graph.ModelGraph;

import java.util.Set;

/**
 * The outcome of one design edit.
 *
 * @param graph         the edited graph; every node has parameters of the right shape
 * @param reinitialised layers whose old weights no longer fit and were replaced by fresh ones
 * @param description   what the edit did, for the undo/redo labels and the status bar
 */
public record Edit(ModelGraph graph, Set<String> reinitialised, String description) {

    public Edit {
        reinitialised = Set.copyOf(reinitialised);
    }
}
