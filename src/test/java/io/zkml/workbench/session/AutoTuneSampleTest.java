package io.zkml.workbench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.EstimatorChoice;
import io.zkml.workbench.export.MeasuredConstraintEstimator;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.OutputMetrics;
import io.zkml.workbench.quant.ProvisionalConstraintEstimator;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import org.junit.jupiter.api.Test;

/**
 * Auto-tune on the real breast-cancer model: meets its target with fewer constraints, priced by the
 * measured snarkVM cost table (the default). Measured, the field-domain default is 27,992
 * constraints and the tuned spec 27,324 (narrower activations shrink the requantization casts).
 */
class AutoTuneSampleTest {

    private final ConstraintEstimator estimator = new ProvisionalConstraintEstimator();

    @Test
    void accuracyTargetIsMetWithFewerConstraintsThanTheCalibrationDefault() throws Exception {
        ModelSession s = Samples.open("breast-cancer-mlp");
        EstimatorChoice choice = EstimatorChoice.forModel(s, CompileSettings.defaults(), null);
        assertTrue(choice.measured(), choice.describe());
        ConstraintEstimator estimator = choice.estimator();
        assertEquals(MeasuredConstraintEstimator.NAME, estimator.name());
        AutoTuner.Result r = s.autoTune(AutoTuner.Target.maxAccuracyDrop(0.5), estimator);
        assertEquals(MeasuredConstraintEstimator.NAME, r.estimator());

        long tuned = estimator.estimate(QuantizedGraphBuilder.build(s.graph(), r.spec())).total();
        long calibrated = estimator.estimate(QuantizedGraphBuilder.build(s.graph(), s.calibrate())).total();
        assertTrue(tuned < calibrated, tuned + " vs calibration default " + calibrated);
        assertEquals(tuned, r.chosen().constraints());
        assertEquals(calibrated, r.baseline().constraints());

        // Judged afresh in a new session: the returned spec really meets the target.
        QuantEvaluation ev = Samples.open("breast-cancer-mlp").evaluate(r.spec());
        OutputMetrics o = ev.output();
        assertTrue(100 * (o.floatAccuracy() - o.quantizedAccuracy()) <= 0.5, o.toString());
        assertTrue(ev.overflow().isClean(), ev.overflow().summary());

        assertTrue(r.pareto().contains(r.chosen()) || r.pareto().stream()
                .anyMatch(c -> c.constraints() <= r.chosen().constraints()), r.pareto().toString());
        for (int i = 1; i < r.pareto().size(); i++) {
            assertTrue(r.pareto().get(i).constraints() >= r.pareto().get(i - 1).constraints());
            assertTrue(r.pareto().get(i).quantizedAccuracy() > r.pareto().get(i - 1).quantizedAccuracy());
        }
    }

    /** Candidates are priced as the program the settings compile: committed weights are not priced as constants. */
    @Test
    void candidatesArePricedWithTheProjectsWeightsMode() throws Exception {
        ModelSession s = Samples.open("iris-mlp");
        var spec = s.calibrate();
        CompileSettings committed = CompileSettings.defaults().withWeightsMode(WeightsMode.PRIVATE_COMMITTED);
        long estimated = EstimatorChoice.forModel(s, committed, null).estimator()
                .estimate(QuantizedGraphBuilder.build(s.graph(), spec)).total();
        long compiled = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec), committed, null)
                .cost().total().constraints();
        long constant = EstimatorChoice.forModel(s, CompileSettings.defaults(), null).estimator()
                .estimate(QuantizedGraphBuilder.build(s.graph(), spec)).total();
        assertEquals(compiled, estimated);
        assertTrue(estimated > constant, estimated + " committed vs " + constant + " constant");
    }

    @Test
    void provisionalEstimatorStillRanksSpecs() throws Exception {
        ModelSession s = Samples.open("breast-cancer-mlp");
        AutoTuner.Result r = s.autoTune(AutoTuner.Target.maxAccuracyDrop(0.5), estimator);
        assertTrue(r.chosen().constraints() < r.baseline().constraints());
        assertEquals("provisional-v1", r.estimator());
    }

    @Test
    void agreementTargetOnDigits() throws Exception {
        ModelSession s = Samples.open("digits-cnn");
        ConstraintEstimator estimator = EstimatorChoice.forModel(s, CompileSettings.defaults(), null).estimator();
        AutoTuner.Result r = s.autoTune(AutoTuner.Target.minAgreement(99), estimator);
        assertTrue(r.chosen().constraints() < r.baseline().constraints());
        assertTrue(Samples.open("digits-cnn").evaluate(r.spec()).output().argmaxAgreement() >= 0.99);
    }

    @Test
    void cancellingStopsTheSearchBetweenCandidates() throws Exception {
        ModelSession s = Samples.open("iris-mlp");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertThrows(java.util.concurrent.CancellationException.class, () -> s.autoTune(
                AutoTuner.Target.maxAccuracyDrop(1), estimator, () -> asked.incrementAndGet() >= 3));
        assertEquals(3, asked.get(), "no candidate is looked at once cancelled");
        // The session is still usable afterwards: the same search without cancelling completes.
        AutoTuner.Result r = s.autoTune(AutoTuner.Target.maxAccuracyDrop(1), estimator);
        assertTrue(r.simulated() > 1, "more candidates than the baseline were tried: " + r.simulated());
    }

    @Test
    void regressorIsRefusedWithAReason() throws Exception {
        ModelSession s = Samples.open("diabetes-regression");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.autoTune(AutoTuner.Target.maxAccuracyDrop(1), estimator));
        assertTrue(e.getMessage().contains("regressor"), e.getMessage());
    }
}
