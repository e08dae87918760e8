package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrBuilder;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AleoLimitsTest {

    private static final ProgramHeader H = new ProgramHeader("m", "a", "b", "t");
    private static final CircuitInfo SMALL = new CircuitInfo(14_000, 14_000, 30_000, 40_000, 18_000);

    private static IrProgram program(int inputs, int arrayLength) {
        IrBuilder b = new IrBuilder();
        Operand.Reg first = null;
        for (int i = 0; i < inputs; i++) {
            Operand.Reg r = b.input("x" + i, new ArrayType(ScalarType.I16, arrayLength), Visibility.PRIVATE);
            first = first == null ? r : first;
        }
        b.output(new Operand.Element(first, 0), Visibility.PUBLIC, "y");
        return b.build(H, "m", "main");
    }

    @Test
    void aSmallProgramIsWithinEveryLimit() {
        assertEquals(List.of(), AleoLimits.latest().check(program(1, 4), "x".repeat(1000), SMALL));
    }

    @Test
    void everyLimitIsListedWithItsNumbersAndCheckIsItsFailures() {
        List<LimitCheck> all = AleoLimits.latest().checkAll(program(1, 4), "x".repeat(1000), SMALL);
        assertEquals(List.of("MAX_INPUTS", "MAX_OUTPUTS", "MAX_ARRAY_ELEMENTS", "MAX_INSTRUCTIONS", "MAX_PROGRAM_SIZE",
                "MAX_DEPLOYMENT_CONSTRAINTS", "MAX_DEPLOYMENT_VARIABLES", "offline SRS degree 2^16"),
                all.stream().map(LimitCheck::limit).toList());
        assertTrue(all.stream().allMatch(LimitCheck::passed), all.toString());
        LimitCheck size = all.stream().filter(c -> c.limit().equals("MAX_PROGRAM_SIZE")).findFirst().orElseThrow();
        assertEquals(1000, size.actual());
        assertEquals(2_048_000, size.allowed());
        assertTrue(all.stream().filter(c -> c.limit().startsWith("MAX_DEPLOYMENT")).allMatch(LimitCheck::unbounded),
                "consensus V19 has no per-program deployment limit");

        List<LimitCheck> over = AleoLimits.latest().checkAll(program(17, 2049), "x", SMALL);
        assertEquals(over.stream().filter(c -> !c.passed()).map(LimitCheck::violation).toList(),
                AleoLimits.latest().check(program(17, 2049), "x", SMALL));
        assertTrue(over.stream().anyMatch(LimitCheck::passed), "limits that hold are listed too");
    }

    @Test
    void namesTheLimitAndTheExcess() {
        List<LimitViolation> v = AleoLimits.latest().check(program(17, 2049), "x", SMALL);
        assertTrue(v.stream().anyMatch(x -> x.limit().equals("MAX_INPUTS") && x.excess() == 1), v.toString());
        LimitViolation arrays = v.stream().filter(x -> x.limit().equals("MAX_ARRAY_ELEMENTS")).findFirst().orElseThrow();
        assertEquals(1, arrays.excess());
        assertEquals("elements of input x0: 2,049 exceeds MAX_ARRAY_ELEMENTS = 2,048 by 1 "
                + "(snarkVM console/network/src/lib.rs, consensus V19)", arrays.message());
    }

    @Test
    void programSizeDependsOnTheConsensusVersion() {
        String text = "x".repeat(150_000);
        List<LimitViolation> old = AleoLimits.at(ConsensusVersion.V1).check(program(1, 4), text, SMALL);
        assertEquals(1, old.size());
        assertEquals("MAX_PROGRAM_SIZE", old.get(0).limit());
        assertEquals(50_000, old.get(0).excess());
        assertEquals(32, AleoLimits.at(ConsensusVersion.V1).maxArrayElements());
        assertEquals(List.of(), AleoLimits.latest().check(program(1, 4), text, SMALL));
    }

    @Test
    void circuitsBeyondTheOfflineSrsAreReported() {
        CircuitInfo big = new CircuitInfo(30_000, 30_000, 60_000, 70_000, 20_000);
        List<LimitViolation> v = AleoLimits.latest().check(program(1, 4), "x", big);
        assertEquals(1, v.size());
        assertEquals((1 << 17) - (1 << 16), v.get(0).excess());
        assertTrue(v.get(0).message().contains("needs SRS 2^17"), v.get(0).message());
        assertEquals(17, big.srsDegreeLog2());
        assertEquals(16, SMALL.srsDegreeLog2());
    }

    /** Varuna's max_degree is twice the constraint domain, and the SRS holds max_degree + 1 powers. */
    @Test
    void constraintsAboveTwoToTheFourteenNeedTheNextSrs() {
        assertEquals(16, new CircuitInfo(16_384, 16_384, 60_000, 65_536, 20_000).srsDegreeLog2());
        CircuitInfo over = new CircuitInfo(17_740, 17_700, 40_000, 46_000, 21_000);
        assertEquals(17, over.srsDegreeLog2());
        assertEquals(1, AleoLimits.latest().check(program(1, 4), "x", over).size());
        assertEquals(17, new CircuitInfo(14_000, 14_000, 30_000, 65_537, 18_000).srsDegreeLog2());
    }
}
