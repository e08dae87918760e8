package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.GraphLayout;

import io.zkml.workbench.graph.ModelGraph;

/** A graph together with the layout computed for it in the background. */
public record LoadedModel(ModelGraph graph, GraphLayout layout) {
}
