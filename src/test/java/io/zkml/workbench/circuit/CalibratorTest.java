package io.zkml.workbench.circuit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibratorTest {

    private static final CircuitInfo BASE = new CircuitInfo(100, 100, 300, 400, 200);

    private static CalibrationProbe probe(String name, String baseline, Map<String, Integer> known, String target, int n) {
        return new CalibrationProbe(name, "", List.of(), baseline, known, target, n, null);
    }

    @Test
    void differencesDivideByTheCountAndSubtractKnownCosts() {
        List<CalibrationProbe> probes = List.of(
                new CalibrationProbe("base", "", List.of(), null, Map.of(), null, 0, "fixed"),
                probe("lt x8", "base", Map.of(), "lt:i32:const", 8),
                probe("ternary x8 + lt", "base", Map.of("lt:i32:const", 1), "ternary:i32:const", 8));
        Map<String, CircuitInfo> m = new HashMap<>();
        m.put("base", BASE);
        m.put("lt x8", BASE.plus(new CircuitInfo(35, 34, 101, 37, 40).times(8)));
        m.put("ternary x8 + lt", BASE.plus(new CircuitInfo(35, 34, 101, 37, 40)).plus(new CircuitInfo(32, 32, 64, 32, 32).times(8)));
        CostTable t = new Calibrator().calibrate("test", probes, m);
        assertEquals(BASE, t.fixed());
        assertEquals(new CircuitInfo(35, 34, 101, 37, 40), t.cost("lt:i32:const").orElseThrow());
        assertEquals(new CircuitInfo(32, 32, 64, 32, 32), t.cost("ternary:i32:const").orElseThrow());
        assertEquals(t.cost("lt:i32:const"), t.cost("gte:i32:const"), "alias");
    }

    @Test
    void constantDependentCostsAreAveraged() {
        List<CalibrationProbe> probes = List.of(
                new CalibrationProbe("base", "", List.of(), null, Map.of(), null, 0, "fixed"),
                probe("ternary x8", "base", Map.of(), "ternary:u64:const", 8));
        // Measured: 8 u64 ternaries with constants 7..14 (19 set bits) add 64 + 1 per set bit to B and C.
        Map<String, CircuitInfo> m = Map.of("base", BASE, "ternary x8", BASE.plus(new CircuitInfo(512, 512, 512, 531, 531)));
        assertEquals(new CircuitInfo(64, 64, 64, 66, 66),
                new Calibrator().calibrate("t", probes, m).cost("ternary:u64:const").orElseThrow());
    }

    @Test
    void unresolvableProbesAreReported() {
        List<CalibrationProbe> probes = List.of(
                new CalibrationProbe("base", "", List.of(), null, Map.of(), null, 0, "fixed"),
                probe("needs lt", "base", Map.of("lt:i8:const", 1), "ternary:i8:const", 8));
        Map<String, CircuitInfo> m = Map.of("base", BASE, "needs lt", BASE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Calibrator().calibrate("t", probes, m));
        assertTrue(e.getMessage().contains("needs lt"), e.getMessage());
    }

    @Test
    void shippedTableIsTheCalibrationOfTheShippedMeasurements() throws IOException {
        String lines;
        try (InputStream in = CostTable.class.getResourceAsStream("calibration-measurements.jsonl")) {
            assertNotNull(in, "measurements resource");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CostTable recomputed = new io.zkml.workbench.tooling.CalibrateCosts().table(lines.lines().toList());
        assertEquals(recomputed, CostTable.bundled());
    }
}
