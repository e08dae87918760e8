package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model cut into a program chain computes exactly what the whole program computes, at every allowed cut. */
class ChainLoweringTest {

    private static final int SAMPLES = 60;

    @ParameterizedTest
    @EnumSource(value = Domain.class, names = {"FIELD", "I32"})
    void everyCutComputesWhatTheWholeProgramComputes(Domain domain) {
        for (OutputMode mode : OutputMode.values()) {
            QuantizedGraph q = Tiny443.quantized(3, domain, mode);
            IrProgram whole = new Lowering().lower(q, Tiny443.HEADER, "tiny");
            List<Integer> cuts = ChainCuts.all(q);
            assertFalse(cuts.isEmpty(), "a sequential network can be cut");
            SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(7, SAMPLES));
            for (int cut : cuts) {
                List<Lowering.LoweredSegment> chain = new Lowering().lowerChain(q, Tiny443.HEADER,
                        List.of("tiny", "tiny_s1"), List.of(cut));
                Map<String, IrProgram> imports = new HashMap<>();
                chain.forEach(s -> imports.put(s.program().programName() + ".aleo", s.program()));
                for (int s = 0; s < SAMPLES; s++) {
                    List<Object> in = List.of(Tiny443.row(sim.row(0, s)));
                    assertEquals(new IrInterpreter().run(whole, in),
                            new IrInterpreter().run(chain.get(0).program(), in, imports),
                            domain + " " + mode + " cut " + cut + " sample " + s);
                }
            }
        }
    }

    @Test
    void noCutIsTheWholeProgramByteForByte() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        IrProgram whole = new Lowering().lower(q, Tiny443.HEADER, "tiny");
        IrProgram chain = new Lowering().lowerChain(q, Tiny443.HEADER, List.of("tiny"), List.of()).get(0).program();
        assertEquals(new AleoPrinter().print(whole).text(), new AleoPrinter().print(chain).text());
        assertEquals(new LeoPrinter().print(whole).text(), new LeoPrinter().print(chain).text());
    }

    @Test
    void segmentsImportAndCallTheNextAndReturnItsOutputs() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        int cut = ChainCuts.all(q).get(0);
        List<Lowering.LoweredSegment> chain = new Lowering().lowerChain(q, Tiny443.HEADER,
                List.of("tiny", "tiny_s1"), List.of(cut));
        String entry = new AleoPrinter().print(chain.get(0).program()).text();
        String callee = new AleoPrinter().print(chain.get(1).program()).text();
        assertTrue(entry.contains("import tiny_s1.aleo;\n\nprogram tiny.aleo;"), entry);
        assertTrue(entry.contains("    call tiny_s1.aleo/main "), entry);
        Handoff h = chain.get(0).passes();
        assertEquals(h, chain.get(1).receives());
        assertTrue(callee.contains("input r0 as " + h.arrays().get(0).aleo() + ".private;"), callee);
        assertFalse(callee.contains("import "), "the last segment calls nothing");
        String leo = new LeoPrinter().print(chain.get(0).program()).text();
        assertTrue(leo.startsWith("// ") && leo.contains("import tiny_s1.aleo;") && leo.contains(" = tiny_s1.aleo::main("), leo);
        assertEquals(chain.get(1).program().outputs().get(0).value().type(),
                chain.get(0).program().outputs().get(0).value().type());
    }

    @Test
    void aWideActivationTravelsInArraysOfAtMost2048() {
        Handoff h = new Handoff("dense", 5000, ScalarType.U16, ValueRef.Repr.OFFSET, BigInteger.valueOf(128));
        List<Integer> lengths = new ArrayList<>();
        h.arrays().forEach(a -> lengths.add(a.length()));
        assertEquals(List.of(2048, 2048, 904), lengths);
    }

    @Test
    void theOutputLayerIsNeverCutOff() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        assertFalse(ChainCuts.allowed(q, 0));
        assertFalse(ChainCuts.allowed(q, q.layers().size()));
        assertThrows(IllegalArgumentException.class, () -> new Lowering().lowerChain(q, Tiny443.HEADER,
                List.of("tiny", "tiny_s1"), List.of(q.layers().size())));
    }

    @Test
    void segmentsLoweredSideBySideFromKnownHandOffsAreThoseLoweredInTurn() {
        QuantizedGraph q = Tiny443.quantized(3, Domain.FIELD, OutputMode.ARGMAX);
        List<ChainPoint> cuts = ChainCuts.all(q).stream().map(ChainPoint::before).toList();
        List<String> names = new ArrayList<>(List.of("tiny"));
        for (int i = 1; i <= cuts.size(); i++) {
            names.add("tiny_s" + i);
        }
        List<Lowering.LoweredSegment> inTurn = new Lowering().lowerChainAt(q, Tiny443.HEADER, names, cuts);
        Map<ChainPoint, Handoff> known = new HashMap<>();
        for (int i = 0; i < cuts.size(); i++) {
            known.put(cuts.get(i), inTurn.get(i).passes());
        }
        List<Lowering.LoweredSegment> sideBySide = new Lowering().lowerChainAt(q, Tiny443.HEADER, names, cuts, known::get);
        assertEquals(inTurn.size(), sideBySide.size());
        for (int i = 0; i < inTurn.size(); i++) {
            assertEquals(new AleoPrinter().print(inTurn.get(i).program()).text(),
                    new AleoPrinter().print(sideBySide.get(i).program()).text(), "segment " + i);
            assertEquals(new LeoPrinter().print(inTurn.get(i).program()).text(),
                    new LeoPrinter().print(sideBySide.get(i).program()).text(), "segment " + i);
            assertEquals(inTurn.get(i).receives(), sideBySide.get(i).receives(), "segment " + i);
        }

        // A hand-off known wrongly (in another type) is a bug, never a chain whose segments disagree.
        Handoff.Piece p = known.get(cuts.get(0)).pieces().get(0);
        ScalarType other = p.type() == ScalarType.I64 ? ScalarType.I128 : ScalarType.I64;
        known.put(cuts.get(0), new Handoff(p.layer(), p.size(), other, ValueRef.Repr.SIGNED, BigInteger.ZERO));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Lowering().lowerChainAt(q, Tiny443.HEADER, names, cuts, known::get));
        assertTrue(e.getMessage().contains("not the hand-off known at its cut"), e.getMessage());
    }
}
