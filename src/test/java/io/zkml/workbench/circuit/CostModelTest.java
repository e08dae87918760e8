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
        CostEstimate predicted = CostModel.bundled().estimate(p);
        assertTrue(predicted.exact(), "unmeasured: " + predicted.unmeasured());
        CircuitInfo actual = synthesize(p, "[-5i16, 2i16, 3i16, 4i16]");
        assertEquals(actual.constraints(), predicted.total().constraints());
        assertEquals(actual.variables(), predicted.total().variables());
        // Non-zeros move by a few entries with how operands are wired (input element or register).
        assertClose(actual.nonZeroA(), predicted.total().nonZeroA(), 1000);
        assertClose(actual.nonZeroB(), predicted.total().nonZeroB(), 1000);
        assertClose(actual.nonZeroC(), predicted.total().nonZeroC(), 1000);
        assertEquals(actual.srsDegreeLog2(), predicted.srsDegreeLog2());
    }

    /**
     * Constraints and variables exactly (requantized and clamped in u32, argmax in u32 and u8);
     * non-zeros within 2%, because they depend on the clamp constants' bits.
     */
    @Test
    void lowered443FieldArgmaxIsPredictedClosely() {
        IrProgram p = new Lowering().lower(io.zkml.workbench.codegen.TestNets.fieldArgmax443(),
                io.zkml.workbench.codegen.TestNets.HEADER, "tiny443");
        CostEstimate predicted = CostModel.bundled().estimate(p);
        assertTrue(predicted.exact(), "unmeasured: " + predicted.unmeasured());
        CircuitInfo actual = synthesize(p, "[100i16, -20i16, 300i16, 4i16]");
        assertEquals(actual.constraints(), predicted.total().constraints());
        assertEquals(actual.variables(), predicted.total().variables());
        assertClose(actual.nonZeroA(), predicted.total().nonZeroA(), 50);
        assertClose(actual.nonZeroB(), predicted.total().nonZeroB(), 50);
        assertClose(actual.nonZeroC(), predicted.total().nonZeroC(), 50);
        assertEquals(actual.srsDegreeLog2(), predicted.srsDegreeLog2());
    }

    /** |predicted - actual| at most actual / divisor. */
    private static void assertClose(long actual, long predicted, long divisor) {
        assertTrue(Math.abs(actual - predicted) <= actual / divisor, "predicted " + predicted + ", snarkVM " + actual);
    }

    private CircuitInfo synthesize(IrProgram p, String input) {
        SynthesisResult r = client.synthesize(new AleoPrinter().print(p).text(), "main", List.of(input));
        return new CircuitInfo(r.circuit().constraints(), r.circuit().variables(), r.circuit().nonZeroA(),
                r.circuit().nonZeroB(), r.circuit().nonZeroC());
    }
}
