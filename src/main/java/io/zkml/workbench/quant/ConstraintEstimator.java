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

    /** {@code inner}, calling {@code before} ahead of every estimate: progress for searches that price many specs. */
    static ConstraintEstimator observed(ConstraintEstimator inner, Runnable before) {
        return new ConstraintEstimator() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public ConstraintEstimate estimate(QuantizedGraph program) {
                before.run();
                return inner.estimate(program);
            }
        };
    }
}
