package io.zkml.workbench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml.workbench.circuit.CircuitInfo;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The circuits snarkVM synthesized for golden programs, kept as golden files under
 * {@code golden/snarkvm/<case>/circuit.json}: the snarkVM tier writes them (with the update switch)
 * and otherwise checks them against what snarkVM synthesizes now; the quick tier holds the cost
 * model's prediction of the same golden program to them, so it stays exact without running snarkVM.
 */
public final class RecordedCircuits {

    private RecordedCircuits() {
    }

    /** snarkVM tier: {@code synthesized} is what snarkVM made of the golden program of {@code caseName}. */
    public static void check(String caseName, io.zkml.workbench.prove.CircuitInfo synthesized) {
        GoldenFiles.assertMatches("snarkvm/" + caseName, Map.of("circuit.json", GoldenJson.text(synthesized)));
    }

    /** Quick tier: the predicted circuit and SRS degree equal snarkVM's recorded ones, in all five counts. */
    public static void assertPredictionMatches(String caseName, CircuitInfo predicted, int predictedSrsDegreeLog2) {
        JsonNode r = GoldenJson.parse(GoldenFiles.read("snarkvm/" + caseName, "circuit.json"));
        CircuitInfo recorded = new CircuitInfo(r.path("constraints").asLong(), r.path("variables").asLong(),
                r.path("nonZeroA").asLong(), r.path("nonZeroB").asLong(), r.path("nonZeroC").asLong());
        assertEquals(recorded, predicted, caseName + ": snarkVM's recorded circuit (expected) vs predicted");
        assertEquals(r.path("srsDegreeLog2").asInt(), predictedSrsDegreeLog2, caseName + ": SRS degree");
    }
}
