package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrBuilder;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: "exact" only where earned. A program whose input length was measured is exact; one
 * whose input length is only extrapolated by the packing rule is an estimate that names the shape.
 */
class PredictionExactnessTest {

    private static final ProgramHeader HEADER = new ProgramHeader("m.zip", "0".repeat(64), "1".repeat(64), "test");

    private static IrProgram echo(ScalarType element, int length) {
        IrBuilder b = new IrBuilder();
        Operand.Reg x = b.input("x", new ArrayType(element, length), Visibility.PRIVATE);
        b.layer("l");
        Operand y = new Operand.Element(x, 0);
        b.output(element == ScalarType.I16 ? y : b.cast(y, ScalarType.I16, "y"), Visibility.PUBLIC, "y");
        return b.build(HEADER, "probe", "main");
    }

    @Test
    void measuredInputLengthsAreExact() {
        for (int n : new int[] {4, 6}) {
            CostEstimate e = CostModel.bundled().estimate(echo(n == 6 ? ScalarType.I8 : ScalarType.I16, n));
            assertTrue(e.exact(), n + ": " + e.notExact());
        }
        assertTrue(CostModel.bundled().estimate(echo(ScalarType.I16, 30)).exact());
        assertTrue(CostModel.bundled().estimate(echo(ScalarType.I16, 64)).exact());
    }

    @Test
    void anUnmeasuredInputLengthIsAnEstimateNamingTheShape() {
        CostEstimate e = CostModel.bundled().estimate(echo(ScalarType.I16, 7));
        assertTrue(e.complete(), "priced by the packing rule: " + e.unmeasured());
        assertFalse(e.exact());
        assertEquals(java.util.List.of("input:[i16; 7u32]"), e.estimated());
        assertTrue(e.notExact().get(0).contains("extrapolated"), e.notExact().toString());
    }
}
