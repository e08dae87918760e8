package io.zkml.workbench.ui.graph;

/** Which way data flows on screen. */
public enum LayoutDirection {
    TOP_TO_BOTTOM("Top to bottom"),
    LEFT_TO_RIGHT("Left to right");

    private final String label;

    LayoutDirection(String label) {
        this.label = label;
    }

    public LayoutDirection flipped() {
        return this == TOP_TO_BOTTOM ? LEFT_TO_RIGHT : TOP_TO_BOTTOM;
    }

    @Override
    public String toString() {
        return label;
    }
}
