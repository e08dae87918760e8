package io.zkml.workbench.samples;

/** Which DL4J class a sample zip holds; decides the ModelSerializer restore call. */
public enum ModelKind {
    MULTI_LAYER_NETWORK,
    COMPUTATION_GRAPH
}
