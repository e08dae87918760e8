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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Predicted circuit info equals what snarkVM synthesizes, for programs made of calibrated instructions. */
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

    /** Integer and field instructions mixed, an [i16; 4u32] input and an [i16; 3u32] output. */
    static IrProgram mixed() {
        IrBuilder b = new IrBuilder();
        Operand.Reg x = b.input("x", new ArrayType(ScalarType.I16, 4), Visibility.PRIVATE);
        b.layer("int");
        Operand.Reg a = b.binary(BinaryOp.MUL, new Operand.Element(x, 0), Operand.Const.of(ScalarType.I16, 3), "a");
        Operand.Reg s = b.binary(BinaryOp.ADD, a, new Operand.Element(x, 1), "s");
        Operand.Reg c = b.binary(BinaryOp.LT, s, Operand.Const.of(ScalarType.I16, 5), "c");
        Operand.Reg d = b.ternary(c, Operand.Const.of(ScalarType.I16, 0), s, "d");
        b.layer("field");
        Operand.Reg f = b.cast(new Operand.Element(x, 2), ScalarType.FIELD, "f");
        Operand.Reg g = b.binary(BinaryOp.MUL, f, Operand.Const.of(ScalarType.FIELD, 7), "g");
        Operand.Reg h = b.binary(BinaryOp.ADD, g, Operand.Const.of(ScalarType.FIELD, 100), "h");
        Operand.Reg u = b.cast(h, ScalarType.U64, "u");
        b.binary(BinaryOp.SHR, u, Operand.Const.of(ScalarType.U8, 2), "q");
        b.output(b.array(List.of(d, s, a), "y"), Visibility.PUBLIC, "y");
        return b.build(H, "mixed", "main");
    }

    @Test
    void mixedProgram() {
        check(mixed(), "[-5i16, 2i16, 3i16, 4i16]");
    }

    @Test
    void lowered443FieldArgmax() {
        IrProgram p = new Lowering().lower(io.zkml.workbench.codegen.TestNets.fieldArgmax443(), io.zkml.workbench.codegen.TestNets.HEADER, "tiny443");
        check(p, "[100i16, -20i16, 300i16, 4i16]");
    }

    private void check(IrProgram p, String input) {
        CostEstimate predicted = CostModel.bundled().estimate(p);
        assertTrue(predicted.exact(), "unmeasured: " + predicted.unmeasured());
        SynthesisResult r = client.synthesize(new AleoPrinter().print(p).text(), "main", List.of(input));
        CircuitInfo actual = new CircuitInfo(r.circuit().constraints(), r.circuit().variables(), r.circuit().nonZeroA(),
                r.circuit().nonZeroB(), r.circuit().nonZeroC());
        assertEquals(actual, predicted.total());
        assertEquals(actual.srsDegreeLog2(), predicted.srsDegreeLog2());
    }
}
