package io.zkml.workbench.circuit;

import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.ProvisionalConstraintEstimator;
import io.zkml.workbench.quant.QuantizedGraph;

/**
 * Which constraint estimate auto-tune uses for a model: the measured cost table whenever the
 * calibration default can be lowered and priced with it, otherwise the provisional per-bit
 * extrapolation, with the reason. One estimator per run: figures from the two do not compare.
 *
 * @param fallbackReason why the measured table was not used; null when it was
 */
public record EstimatorChoice(ConstraintEstimator estimator, String fallbackReason) {

    public static EstimatorChoice forModel(QuantizedGraph calibrationDefault) {
        MeasuredConstraintEstimator measured = MeasuredConstraintEstimator.bundled();
        try {
            measured.estimate(calibrationDefault);
            return new EstimatorChoice(measured, null);
        } catch (IllegalArgumentException e) {
            return new EstimatorChoice(new ProvisionalConstraintEstimator(), e.getMessage());
        }
    }

    public boolean measured() {
        return fallbackReason == null;
    }

    /** One line for reports. */
    public String describe() {
        return measured() ? estimator.name() + " (snarkVM cost table: the figures `zkml cost` prints)"
                : estimator.name() + " (PROVISIONAL per-bit extrapolation; the measured table was not usable: "
                        + fallbackReason + ")";
    }
}
