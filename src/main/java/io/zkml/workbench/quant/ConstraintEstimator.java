package io.zkml.workbench.quant;

/**
 * Estimates how many R1CS constraints the Aleo program for a quantized graph will have. The
 * auto-tuner minimises this number; the code generator's cost model implements the same
 * interface, so the tuner's choices follow whichever estimate is plugged in.
 */
public interface ConstraintEstimator {

    /** Short name for reports, e.g. {@code "provisional-v1"}. */
    String name();

    ConstraintEstimate estimate(QuantizedGraph program);
}
