package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed --input values (issues #12 and #17): read as doubles, NaN and infinities refused by
 * position, and {@code simulate --weights} gives the Aleo inputs of the program that mode builds.
 */
class TypedInputsCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void simulateEchoesTheValueAsTyped() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "simulate", "sample-models/iris-tiny.zip", "--input",
                "1582999200,1,1,1", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1582999200.0, json.readTree(r.out()).get("rawInput").get(0).asDouble(), 0.0);
    }

    @Test
    void nanInputIsAUserErrorNamingItsPosition() {
        CliRunner.Result r = CliRunner.run(null, "simulate", "sample-models/iris-tiny.zip", "--input", "5.1,NaN,1.4,0.2");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("--input value 2 ('NaN') is not a finite number"), r.err());
    }

    @Test
    void simulateWithCommittedWeightsListsTheSharedInput() throws Exception {
        CliRunner.Result constant = CliRunner.run(null, "simulate", "sample-models/iris-tiny.zip", "--input",
                "5.1,3.5,1.4,0.2", "--json");
        CliRunner.Result committed = CliRunner.run(null, "simulate", "sample-models/iris-tiny.zip", "--input",
                "5.1,3.5,1.4,0.2", "--weights", "private-committed", "--json");
        assertEquals(0, committed.exit(), committed.err());
        JsonNode c = json.readTree(constant.out()), p = json.readTree(committed.out());
        assertEquals(1, c.get("aleoInputs").size());
        // Scheme /2: one private [u128; n] holding the salt, the packed weights and then the data.
        assertEquals(1, p.get("aleoInputs").size(), p.get("aleoInputs").toString());
        assertTrue(p.get("aleoInputs").get(0).asText().matches("\\[(\\d+u128, )+\\d+u128\\]"), p.get("aleoInputs").toString());
        assertEquals(c.get("quantizedClass"), p.get("quantizedClass"));
    }
}
