package io.zkml.workbench.ui;

/**
 * Cost and accuracy figures for one node, as the cost model and quantizer will report them.
 *
 * @param constraints circuit constraints the node compiles to
 * @param share       the node's fraction of the whole program's constraints, 0..1
 * @param error       max absolute quantization error at the node's output
 */
public record NodeMetrics(long constraints, double share, double error) {

    public NodeMetrics {
        if (constraints < 0 || share < 0 || share > 1 || error < 0 || Double.isNaN(error)) {
            throw new IllegalArgumentException("invalid node metrics " + constraints + ", " + share + ", " + error);
        }
    }
}
