package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.BinaryOp;
import io.zkml.workbench.codegen.IrBuilder;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SynthesisResult;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.OutputMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Predicted circuit info equals what snarkVM synthesizes, in all five counts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostModelTest {

    private static final ProgramHeader H = new ProgramHeader("m.zip", "a", "b", "test");
    private SidecarClient client;

    @BeforeAll
    void start() {
        Path params = Path.of(System.getProperty(SidecarConfig.PARAMS_DIR_PROPERTY, "../shared/aleo-params"));
        assumeTrue(Files.isRegularFile(params.resolve("powers-of-beta-16.usrs")), "no SRS parameters");
        SidecarConfig config = SidecarConfig.fromEnvironment().withParamsDir(params)
                .withKeyCacheDir(Path.of("target", "zkml-keys").toAbsolutePath());
        assumeTrue(Files.isRegularFile(config.sidecarDir().resolve("node_modules/@provablehq/sdk/package.json")),
                "sidecar packages not installed");
        client = new SidecarClient(config, p -> { });
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Integer and field instructions without constant operands (whose cost does not depend on a
     * constant's bits), an [i16; 4u32] input and an [i16; 3u32] output: predicted exactly.
     */
    static IrProgram constantFree() {
        IrBuilder b = new IrBuilder();
        Operand.Reg x = b.input("x", new ArrayType(ScalarType.I16, 4), Visibility.PRIVATE);
        b.layer("int");
        Operand.Reg a = b.binary(BinaryOp.ADD, new Operand.Element(x, 0), new Operand.Element(x, 1), "a");
        Operand.Reg s = b.binary(BinaryOp.ADD, a, new Operand.Element(x, 2), "s");
        b.layer("field");
        Operand.Reg f = b.cast(new Operand.Element(x, 2), ScalarType.FIELD, "f");
        Operand.Reg g = b.cast(new Operand.Element(x, 3), ScalarType.FIELD, "g");
        Operand.Reg h = b.binary(BinaryOp.ADD, f, g, "h");
        Operand.Reg u = b.cast(h, ScalarType.U64, "u");
        Operand.Reg v = b.cast(g, ScalarType.U64, "v");
        Operand.Reg c = b.binary(BinaryOp.LT, u, v, "c");
        Operand.Reg m = b.ternary(c, v, u, "m");
        Operand.Reg back = b.cast(m, ScalarType.FIELD, "back");
        b.cast(back, ScalarType.U64, "y"); // unread, yet synthesized like every instruction
        b.layer("out");
        Operand.Reg arr = b.array(List.of(s, a, new Operand.Element(x, 0)), "out");
        b.output(arr, Visibility.PUBLIC, "out");
        return b.build(H, "exact", "main");
    }

    @Test
    void constantFreeProgramIsPredictedExactly() {
        IrProgram p = constantFree();
        ExactCost.assertExact(synthesize(p, "[-5i16, 2i16, 3i16, 4i16]"), CostModel.bundled().estimate(p), "constant-free");
    }

    /** Constant operands, shifted values, clamps and the argmax chain: exact in all five counts. */
    @Test
    void lowered443FieldArgmaxIsPredictedExactly() {
        IrProgram p = new Lowering().lower(io.zkml.workbench.codegen.TestNets.fieldArgmax443(),
                io.zkml.workbench.codegen.TestNets.HEADER, "tiny443");
        ExactCost.assertExact(synthesize(p, "[100i16, -20i16, 300i16, 4i16]"), CostModel.bundled().estimate(p), "tiny443");
    }

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

    private io.zkml.workbench.prove.CircuitInfo synthesize(IrProgram p, String input) {
        assumeTrue(client != null, "no sidecar");
        SynthesisResult r = client.synthesize(new AleoPrinter().print(p).text(), "main", List.of(input));
        return r.circuit();
    }
}
