package io.zkml.workbench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.quant.CollapseCheck;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collapse warning on the real samples: a too-narrow activation range fires it, naming the
 * layer, without any overflow; the calibrated default of every sample stays under both thresholds.
 */
class CollapseCheckSampleTest {

    @Test
    void tooNarrowActivationRangeClipsAndWarnsNamingTheLayer() throws Exception {
        ModelSession s = Samples.open("iris-tiny");
        QuantSpec calibrated = s.calibrate();
        // layer0 keeps its 16 bits but gains fraction bits until its range is ±2^-4: most values clip.
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec narrow = calibrated.withLayer("layer0", q.withActivationFracBits(q.activationBits() + 3));
        QuantEvaluation ev = s.evaluate(narrow);
        // Saturation, not overflow: the proof would succeed, of a broken model.
        assertTrue(ev.overflow().isClean(), ev.overflow().summary());
        CollapseWarning w = CollapseCheck.check(ev).orElseThrow();
        assertEquals("layer0", w.layer());
        assertEquals(ev.layer("layer0").saturatedFraction(), w.clippedShare());
        assertTrue(w.clippedShare() > CollapseCheck.MAX_CLIPPED_SHARE, w.toString());
        assertTrue(w.message().contains("layer0"), w.message());
        assertTrue(w.message().contains("Calibrate"), w.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-mlp", "iris-tiny", "breast-cancer-mlp", "wine-mlp", "digits-cnn",
            "diabetes-regression", "fashion-mlp", "fashion-cnn"})
    void calibratedDefaultDoesNotWarn(String name) throws Exception {
        ModelSession s = Samples.open(name);
        QuantEvaluation ev = s.evaluate(s.calibrate());
        Optional<CollapseWarning> w = CollapseCheck.check(ev);
        assertTrue(w.isEmpty(), name + ": " + w);
    }
}
