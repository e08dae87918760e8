package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calibrated specs keep random networks' decisions: argmax agreement >= 98% on 1,000 inputs. */
class QuantAccuracyTest {

    private static QuantEvaluation calibrateAndEvaluate(ModelGraph g, long seed) {
        float[][] calib = TestGraphs.randomInputs(seed, 200, g.inputShape().size());
        QuantSpec spec = new Calibrator().propose(g, calib);
        float[][] test = TestGraphs.randomInputs(seed + 1, 1000, g.inputShape().size());
        QuantizedGraph q = QuantizedGraphBuilder.build(g, spec);
        SimulationResult r = new IntegerSimulator().run(q, test);
        return ErrorMetrics.evaluate(QuantizedGraphBuilder.prepare(g, spec), r, test, null, null);
    }

    @Test
    void mlpWithReluAndEachSecondActivation() {
        Activation[] acts = {Activation.RELU, Activation.leakyRelu(0.01), Activation.TANH, Activation.SIGMOID,
            Activation.HARD_TANH, Activation.HARD_SIGMOID, Activation.IDENTITY};
        for (Activation a : acts) {
            QuantEvaluation e = calibrateAndEvaluate(TestGraphs.mlp(11, a), 100);
            assertTrue(e.output().argmaxAgreement() >= 0.98, a + ": agreement " + e.output().argmaxAgreement());
            assertTrue(e.overflow().isClean(), e.overflow().summary());
            assertTrue(e.layer("d1").sqnrDb() > 40, a + ": d1 SQNR " + e.layer("d1").sqnrDb());
        }
    }

    @Test
    void cnnWithFoldedBatchNormAndPools() {
        QuantEvaluation e = calibrateAndEvaluate(TestGraphs.cnn(21), 200);
        assertTrue(e.output().argmaxAgreement() >= 0.98, "agreement " + e.output().argmaxAgreement());
        assertTrue(e.overflow().isClean(), e.overflow().summary());
        assertEquals(Double.NaN, e.output().floatAccuracy());
        for (LayerError le : e.layers()) {
            assertTrue(le.maxAbsError() < 0.05, le.layer() + " max error " + le.maxAbsError());
        }
    }
}
