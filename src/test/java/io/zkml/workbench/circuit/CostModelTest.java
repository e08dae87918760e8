package io.zkml.workbench.circuit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost model without snarkVM: every measured probe and Varuna's SRS degree rule
 * ({@link CostModelSnarkVmTest} compares predictions with freshly synthesized circuits).
 */
class CostModelTest {

    /**
     * The composition rule against every measured probe (no synthesis: the measurements ship with
     * the table): the gadget rules and the table reproduce each probe's five counts exactly,
     * including the exploratory probes no table entry is derived from.
     */
    @Test
    void everyMeasuredProbeIsPredictedExactly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CostModel model = CostModel.bundled();
        int n = 0;
        try (var in = CostTable.class.getResourceAsStream("calibration-measurements.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode m = json.readTree(line);
                String text = m.get("program").asText();
                CostEstimate e = model.estimate(ProbeParser.parse(text), text.contains("constructor:"));
                // Complete, not exact: comparing with the measurement is what verifies an extrapolated shape.
                assertTrue(e.complete(), m.get("name").asText() + ": unmeasured " + e.unmeasured());
                CircuitInfo measured = new CircuitInfo(m.get("constraints").asLong(), m.get("variables").asLong(),
                        m.get("nonZeroA").asLong(), m.get("nonZeroB").asLong(), m.get("nonZeroC").asLong());
                assertEquals(measured, e.total(), m.get("name").asText());
                n++;
            }
        }
        assertTrue(n > 60, "measurements read: " + n);
    }

    /** Varuna's max_degree rule (ahp.rs) on the sizes measured in real runs. */
    @Test
    void srsDegreeFollowsVarunasMaxDegree() {
        assertEquals(16, new CircuitInfo(13_963, 13_954, 32_599, 39_675, 18_142).srsDegreeLog2());
        assertEquals(16, new CircuitInfo(15_912, 15_910, 41_416, 56_957, 20_002).srsDegreeLog2());
        assertEquals(17, new CircuitInfo(17_740, 17_700, 40_000, 46_000, 21_000).srsDegreeLog2());
    }
}
