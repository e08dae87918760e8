package io.zkml.workbench.samples;

/** Which DL4J class a sample zip holds (it decides the ModelSerializer restore call), or an ONNX sample. */
public enum ModelKind {
    MULTI_LAYER_NETWORK,
    COMPUTATION_GRAPH,
    /** An ONNX model written by {@link OnnxSamples} from a DL4J sample's weights; not trained, not a zip. */
    ONNX
}
