package io.zkml.workbench.ui;

import io.zkml.workbench.graph.ModelGraph;

/**
 * Turns a user's request into a graph. The workbench gets one at construction so the real
 * importer can replace the built-in demo graphs without the UI changing. Implementations may
 * block: the UI always calls them off the FX thread.
 */
@FunctionalInterface
public interface ModelLoader {

    ModelGraph load(ModelRequest request) throws Exception;
}
