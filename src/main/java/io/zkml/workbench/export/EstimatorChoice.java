package io.zkml.workbench.export;

import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.ProvisionalConstraintEstimator;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.session.ModelSession;
import java.util.function.BinaryOperator;

/**
 * Which constraint estimate auto-tune uses for a model: the compiler's exact cost (with the
 * project's compile settings) whenever the calibration default compiles and prices, otherwise
 * the provisional per-bit extrapolation, with the reason. One estimator per run: figures from the
 * two do not compare.
 *
 * @param fallbackReason why the measured table was not used; null when it was
 */
public record EstimatorChoice(ConstraintEstimator estimator, String fallbackReason) {

    /** @param hash snarkVM's hash (algorithm, Aleo value text), needed for pinned weights only */
    public static EstimatorChoice forModel(ModelSession session, CompileSettings settings, BinaryOperator<String> hash) {
        MeasuredConstraintEstimator measured = new MeasuredConstraintEstimator(ModelCompiler.standard(), session,
                settings, hash);
        try {
            measured.estimate(QuantizedGraphBuilder.build(session.graph(), session.calibrate()));
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
        return measured() ? estimator.name() + " (exact cost of the compiled program: the figures `zkml cost` prints)"
                : estimator.name() + " (PROVISIONAL per-bit extrapolation; the measured table was not usable: "
                        + fallbackReason + ")";
    }
}
