package io.zkml.workbench.ui;

/**
 * Turns a user's request into an opened model. The workbench gets one at construction so tests
 * can hand it synthetic graphs. Implementations may block: the UI always calls them off the FX
 * thread.
 */
@FunctionalInterface
public interface ModelLoader {

    OpenedModel load(ModelRequest request) throws Exception;
}
