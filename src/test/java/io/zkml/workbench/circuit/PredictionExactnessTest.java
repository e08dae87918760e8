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
 * Issue #17: "exact" only where earned. A program whose input length was measured is exact, and so is
 * one whose input is priced by the packing rule within the range the sweep verified it on; a length
 * beyond that range is an estimate that names the shape.
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
    void anEstimateSaysItsLargestError() {
        // 200 i16 values pack into 47 field elements, 28 beyond the 19 the sweep verified: four psd8 blocks of
        // doubt, each bounded by one packed field element (5) and one block (1,030).
        CostEstimate e = CostModel.bundled().estimate(echo(ScalarType.I16, 200));
        assertEquals(47, PlaintextPacking.fields(new ArrayType(ScalarType.I16, 200)));
        assertEquals(java.util.OptionalLong.of(4 * 1035), e.errorBound());
        assertEquals("estimated ± 4,140 constraints", e.exactness());
        // An element type no probe measured, within the verified length: one field element and one block.
        CostEstimate i64 = CostModel.bundled().estimate(echo(ScalarType.I64, 4));
        assertEquals(java.util.List.of("input:[i64; 4u32]"), i64.estimated());
        assertEquals(java.util.OptionalLong.of(1035), i64.errorBound());
        CostEstimate exact = CostModel.bundled().estimate(echo(ScalarType.I16, 30));
        assertEquals(java.util.OptionalLong.of(0), exact.errorBound());
        assertEquals("exact", exact.exactness());
    }

    @Test
    void anUnmeasuredLengthWithinTheVerifiedRangeIsExact() {
        CostEstimate e = CostModel.bundled().estimate(echo(ScalarType.I16, 7));
        assertTrue(e.exact(), e.notExact().toString());
    }

    @Test
    void anInputBeyondTheVerifiedRangeIsAnEstimateNamingTheShape() {
        CostEstimate e = CostModel.bundled().estimate(echo(ScalarType.I16, 200));
        assertTrue(e.complete(), "priced by the packing rule: " + e.unmeasured());
        assertFalse(e.exact());
        assertEquals(java.util.List.of("input:[i16; 200u32]"), e.estimated());
        assertTrue(e.notExact().get(0).contains("extrapolated"), e.notExact().toString());
    }
}
