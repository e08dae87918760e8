package io.zkml.workbench.design;

import io.zkml.workbench.graph.ModelGraph;

import java.util.Set;

/**
 * The outcome of one design edit.
 *
 * @param graph         the edited graph; every node has parameters of the right shape
 * @param reinitialised layers whose old weights no longer fit and were replaced by fresh ones
 * @param description   what the edit did, for the undo/redo labels and the status bar
 * @param step          the edit as data, so a project can replay it; null when it was made
 *                      straight through {@link GraphEdit} rather than a {@link DesignStep}
 */
public record Edit(ModelGraph graph, Set<String> reinitialised, String description, DesignStep step) {

    public Edit {
        reinitialised = Set.copyOf(reinitialised);
    }

    public Edit(ModelGraph graph, Set<String> reinitialised, String description) {
        this(graph, reinitialised, description, null);
    }

    Edit withStep(DesignStep s) {
        return new Edit(graph, reinitialised, description, s);
    }
}
