package io.zkml.workbench.codegen;

/** Whether a function input or output is revealed in the transition. */
public enum Visibility {
    PUBLIC, PRIVATE;

    public String aleo() {
        return name().toLowerCase();
    }
}
