package io.zkml.workbench.importer;

/** What a model file holds, as decided from its bytes. */
public enum ModelKind {
    DL4J_MULTILAYER,
    DL4J_COMPUTATION_GRAPH,
    KERAS_HDF5,
    /** A serialised ONNX ModelProto (it starts with its ir_version field). */
    ONNX
}
