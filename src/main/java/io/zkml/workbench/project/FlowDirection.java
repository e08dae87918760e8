package io.zkml.workbench.project;

/** Which way the editor lays the graph out; saved with the project. */
public enum FlowDirection {
    TOP_TO_BOTTOM, LEFT_TO_RIGHT
}
