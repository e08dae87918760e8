package io.zkml.workbench.ui.graph;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Cost and accuracy figures for one node. Either may be missing: the error comes from the
 * simulator as soon as a dataset is loaded, the constraints only once a cost model is plugged in.
 *
 * @param constraints circuit constraints the node compiles to
 * @param share       the node's fraction of the whole program's constraints, 0..1 (0 without constraints)
 * @param error       max absolute quantization error at the node's output
 * @param transition  in a program chain, the transition (1 = the entry program) the node is lowered in;
 *                    0 when the model is one program or the node is in none; the first of them for a layer
 *                    cut between its output channels
 * @param lastTransition the last transition the node is lowered in: {@code transition} unless the chain is
 *                    cut inside the layer, so that several transitions each compute some of its channels
 */
public record NodeMetrics(OptionalLong constraints, double share, OptionalDouble error, int transition,
                          int lastTransition) {

    public NodeMetrics(OptionalLong constraints, double share, OptionalDouble error) {
        this(constraints, share, error, 0, 0);
    }

    public NodeMetrics {
        if (constraints.isPresent() && constraints.getAsLong() < 0 || share < 0 || share > 1 || transition < 0 || lastTransition < transition
                || error.isPresent() && (error.getAsDouble() < 0 || Double.isNaN(error.getAsDouble()))) {
            throw new IllegalArgumentException("invalid node metrics " + constraints + ", " + share + ", " + error);
        }
    }

    public static NodeMetrics of(long constraints, double share, double error) {
        return new NodeMetrics(OptionalLong.of(constraints), share, OptionalDouble.of(error));
    }
}
