package io.zkml.workbench.project;

import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationRangeTest {

    @Test
    void calibratedActivationsSitInsideTheirFormatWithHeadroom() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models/iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        SimulationResult r = s.simulateDataset(spec);
        Map<String, ActivationRange> ranges = ActivationRange.of(r);

        assertEquals(r.graph().layers().size(), ranges.size());
        for (ActivationRange a : ranges.values()) {
            assertTrue(a.representableMin() <= a.observedMin() && a.observedMax() <= a.representableMax(), a.toString());
            assertEquals(r.values(a.layer()).length, Arrays.stream(a.usage().counts()).sum());
            // Calibration leaves a headroom of 2: at most about half the span is used on either side.
            assertTrue(a.spanUsed() <= 0.51, a.layer() + " uses " + a.spanUsed());
        }
    }
}
