package io.zkml.workbench.circuit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.ScalarType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: the packing rule is derived from snarkVM's algorithm, and these tests hold it to every
 * recorded measurement as a rule, not as a lookup: each measured input shape is predicted with its own
 * table entry taken out (so the price moves from another anchor, often of another element type or length),
 * and the verified range {@link PlaintextPacking#verified} claims is the one the measurements cover.
 */
class PackingRuleTest {

    private record Measured(String name, String program, CircuitInfo circuit) {
    }

    private static List<Measured> measurements() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Measured> out = new ArrayList<>();
        try (var in = CostTable.class.getResourceAsStream("calibration-measurements.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode m = json.readTree(line);
                out.add(new Measured(m.get("name").asText(), m.get("program").asText(), new CircuitInfo(
                        m.get("constraints").asLong(), m.get("variables").asLong(), m.get("nonZeroA").asLong(),
                        m.get("nonZeroB").asLong(), m.get("nonZeroC").asLong())));
            }
        }
        return out;
    }

    private static CostTable without(CostTable t, String key) {
        Map<String, CircuitInfo> costs = new HashMap<>(t.costs());
        costs.remove(key);
        return new CostTable(t.source(), t.fixed(), costs, t.aliases());
    }

    /** The input, output and psd8-hash shapes of a probe program, as cost keys ("input:[i16; 4u32]", ...). */
    private static List<String> shapeKeys(IrProgram p) {
        List<String> keys = new ArrayList<>();
        boolean first = true;
        for (IrInput in : p.inputs()) {
            if (in.reg().type() instanceof ArrayType a) {
                keys.add((first ? "input:" : "input2:") + a.aleo());
            }
            first = false;
        }
        for (Instruction ins : p.body()) {
            if (ins instanceof Instruction.Hash h && h.algorithm().equals("psd8") && h.src().type() instanceof ArrayType a) {
                keys.add("hash.psd8:" + a.aleo());
            }
        }
        for (IrOutput o : p.outputs()) {
            if (o.value().type() instanceof ArrayType a) {
                keys.add("output:" + a.aleo());
            }
        }
        return keys;
    }

    /** A chain call's cost key also looks like an array at both ends; it is not one of this rule's shapes. */
    @Test
    void keysThatAreNotOneArrayShapeAreNeitherParsedNorVerified() {
        assertEquals(null, PlaintextPacking.parse("[i16; 10u32]->[i16; 3u32]"));
        assertEquals(null, PlaintextPacking.parse("[i16; x10u32]"));
        assertEquals(new ArrayType(ScalarType.I16, 10), PlaintextPacking.parse("[i16; 10u32]"));
        assertTrue(!PlaintextPacking.verified("call:[i16; 10u32]->[i16; 3u32]"));
    }

    @Test
    void everyMeasuredShapeIsPredictedFromAnotherAnchor() throws Exception {
        CostTable table = CostTable.bundled();
        int checked = 0;
        for (Measured m : measurements()) {
            IrProgram p = ProbeParser.parse(m.program());
            for (String key : shapeKeys(p)) {
                if (table.cost(key).isEmpty()) {
                    continue; // not an anchor: CostModelTest already predicts it from one
                }
                CostEstimate e = new CostModel(without(table, key)).estimate(p, m.program().contains("constructor:"));
                assertTrue(e.complete(), m.name() + ": " + e.unmeasured());
                assertEquals(m.circuit(), e.total(), m.name() + " with " + key + " moved from another anchor");
                checked++;
            }
        }
        assertTrue(checked >= 30, "shapes checked: " + checked);
    }

    @Test
    void theVerifiedRangeIsTheMeasuredOne() throws Exception {
        Map<String, Long> maxFields = new HashMap<>();
        Map<String, Set<ScalarType>> elements = new HashMap<>();
        for (Measured m : measurements()) {
            for (String key : shapeKeys(ProbeParser.parse(m.program()))) {
                String prefix = key.substring(0, key.indexOf(':') + 1);
                ArrayType a = PlaintextPacking.parse(key.substring(prefix.length()));
                maxFields.merge(prefix, PlaintextPacking.fields(a), Math::max);
                elements.computeIfAbsent(prefix, k -> EnumSet.noneOf(ScalarType.class)).add(a.element());
            }
        }
        for (Map.Entry<String, PlaintextPacking.Range> r : PlaintextPacking.VERIFIED_RANGES.entrySet()) {
            assertEquals(maxFields.get(r.getKey()), r.getValue().maxFields(), r.getKey() + " largest measured packed size");
            assertTrue(elements.get(r.getKey()).containsAll(r.getValue().elements()),
                    r.getKey() + " verified only for measured element types: " + elements.get(r.getKey()));
        }
        // The boundaries the sweep measured on both sides of (a field element more; the second and third block).
        assertEquals(1, PlaintextPacking.fields(new ArrayType(ScalarType.I8, 4)));
        assertEquals(2, PlaintextPacking.fields(new ArrayType(ScalarType.I8, 5)));
        assertEquals(8, PlaintextPacking.fields(new ArrayType(ScalarType.I16, 34)));
        assertEquals(9, PlaintextPacking.fields(new ArrayType(ScalarType.I16, 35)));
        assertEquals(16, PlaintextPacking.fields(new ArrayType(ScalarType.I32, 54)));
        assertEquals(17, PlaintextPacking.fields(new ArrayType(ScalarType.I32, 55)));
    }

    @Test
    void shapesBeyondTheMeasuredRangeAreNotVerified() {
        assertTrue(PlaintextPacking.verified("input:[i16; 64u32]"));
        assertTrue(!PlaintextPacking.verified("input:[i16; 200u32]"));
        assertTrue(!PlaintextPacking.verified("input:[i64; 4u32]"));
    }
}
