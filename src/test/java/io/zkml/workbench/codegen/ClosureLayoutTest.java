package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.UnrepresentableRangeException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body cut into closures: whatever the cap, every instruction is printed once, in one closure
 * within the cap, every value a closure reads from outside is one of its inputs, and the cost
 * is the body's (the snarkVM tier, ClosuresSnarkVmTest, holds the texts to snarkVM).
 */
class ClosureLayoutTest {

    private static List<IrProgram> programs() {
        List<IrProgram> out = new java.util.ArrayList<>();
        for (long seed : new long[] {1, 2, 3, 5, 8}) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            QuantizedGraph q = QuantizedGraphBuilder.build(c.graph(), c.spec());
            try {
                out.add(new Lowering().lower(q, Tiny443.HEADER, "rnd"));
            } catch (UnrepresentableRangeException e) {
                // not every random spec lowers; the others are enough
            }
        }
        out.add(PrinterTest.sample());
        return out;
    }

    @Test
    void everyCapGivesClosuresWithinItThatCoverTheBodyOnce() {
        for (IrProgram p : programs()) {
            for (int cap : new int[] {17, 20, 40, 100, p.body().size() + 16}) {
                IrProgram c;
                try {
                    c = p.withClosures(cap);
                } catch (IllegalArgumentException e) {
                    assertTrue(e.getMessage().contains("closures") || e.getMessage().contains("closure"), e.getMessage());
                    continue;
                }
                int next = 0;
                for (ClosureLayout.Part part : c.closures().parts()) {
                    assertEquals(next, part.from());
                    next = part.to();
                    assertTrue(part.instructions() <= cap, part.name() + " " + part.instructions() + " > " + cap);
                    assertTrue(part.inputs().size() <= 16 && part.outputs().size() <= 16);
                    Set<Integer> mine = new HashSet<>();
                    p.body().subList(part.from(), part.to()).forEach(i -> mine.add(i.dst().index()));
                    for (Instruction i : p.body().subList(part.from(), part.to())) {
                        for (Operand o : i.reads()) {
                            Operand.Reg r = ClosureLayout.base(o);
                            if (r != null && !mine.contains(r.index())) {
                                ClosureLayout.Location l = c.closures().locations().get(r.index());
                                assertTrue(l != null && part.inputs().contains(l.container()),
                                        part.name() + " reads r" + r.index() + " without it as an input");
                            }
                        }
                    }
                }
                assertEquals(p.body().size(), next);
                assertEquals(CostModel.bundled().estimate(p).total(), CostModel.bundled().estimate(c).total());
                String aleo = new AleoPrinter().print(c).text();
                String leo = new LeoPrinter().print(c).text();
                for (ClosureLayout.Part part : c.closures().parts()) {
                    assertTrue(aleo.contains("closure " + part.name() + ":") && aleo.contains("call " + part.name() + " "));
                    assertTrue(leo.contains("fn " + part.name() + "(") && leo.contains(" = " + part.name() + "("));
                }
                List<LimitCheck> checks = AleoLimits.latest().checkAll(c, aleo, CostModel.bundled().estimate(c).total());
                assertTrue(checks.stream().anyMatch(k -> k.limit().equals("MAX_CLOSURES") && k.passed()));
                assertFalse(checks.stream().anyMatch(k -> k.limit().equals("MAX_INSTRUCTIONS") && !k.passed()));
            }
        }
    }

    @Test
    void aCapWithNoRoomForAClosureIsRefused() {
        IrProgram p = PrinterTest.sample();
        assertThrows(IllegalArgumentException.class, () -> p.withClosures(16));
    }

    /**
     * A program with closures made by withClosures is not walked for its register checks again (the program it
     * was made from passed them, with the same lists); one made with a layout of another body is.
     */
    @Test
    void onlyTheLaidOutProgramSkipsItsRegisterChecks() {
        IrProgram p = PrinterTest.sample();
        IrProgram closured = p.withClosures(ClosureLayout.MAX_PUTS + 3);
        assertTrue(closured.closures().laysOut(closured.inputs(), closured.body(), closured.call(), closured.outputs()));
        assertEquals(closured.closures(), new ClosureLayout(closured.closures().parts(), closured.closures().locations(),
                null), "the program laid out is not part of the layout's value");
        List<Instruction> swapped = new java.util.ArrayList<>(p.body());
        java.util.Collections.swap(swapped, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IrProgram(p.header(),
                p.programName(), p.function(), p.inputs(), swapped, p.outputs(), p.assertions(), p.commitmentLayer(),
                p.call(), closured.closures()));
        assertTrue(e.getMessage().contains("before it is written"), e.getMessage());
    }
}
