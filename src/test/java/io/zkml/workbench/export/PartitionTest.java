package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.codegen.IrInterpreter;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real samples compiled as program chains: forced cuts, cuts chosen under an SRS cap, and a cap no cut meets. */
class PartitionTest {

    private static final Path DIR = Path.of("sample-models");

    private static CompiledModel compile(String sample, Partitioning p) throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(DIR), null);
        QuantSpec spec = s.calibrate();
        return ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(p), null);
    }

    @Test
    void noPartitioningIsOneProgramAsBefore() throws Exception {
        CompiledModel m = compile("iris-tiny", Partitioning.NONE);
        assertEquals(1, m.segments().size());
        assertFalse(m.isChain());
        assertEquals(m.aleoText(), m.segments().get(0).aleoText());
    }

    @Test
    void irisTinySplitAfterItsFirstLayerIsTwoTransitionsComputingTheSameClass() throws Exception {
        CompiledModel whole = compile("iris-tiny", Partitioning.NONE);
        String first = whole.quantized().layer(1).name();
        CompiledModel m = compile("iris-tiny", new Partitioning(null, List.of(first)));
        assertEquals(2, m.segments().size());
        CompiledSegment entry = m.segments().get(0);
        CompiledSegment callee = m.segments().get(1);
        assertEquals(m.program().programName() + "_s1.aleo", callee.programId());
        assertTrue(entry.aleoText().startsWith("// ") && entry.aleoText().contains("import " + callee.programId()));
        assertEquals(entry.passes(), callee.receives());
        Map<String, IrProgram> imports = new HashMap<>();
        m.segments().forEach(s -> imports.put(s.programId(), s.program()));
        // Every input row the type allows gives the whole program's answer: a sweep of the first feature.
        for (int v = -300; v <= 300; v += 25) {
            List<Object> row = new ArrayList<>();
            int n = whole.program().inputs().get(0).reg().arrayType().length();
            List<BigInteger> xs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                xs.add(BigInteger.valueOf(i == 0 ? v : 40 * i - 60));
            }
            row.add(xs);
            assertEquals(new IrInterpreter().run(whole.program(), row),
                    new IrInterpreter().run(m.program(), row, imports), "row " + xs);
        }
        for (CompiledSegment s : m.segments()) {
            System.out.printf("iris-tiny split after %s: %s layers [%d, %d) receives %s %s, %d instructions, %d characters%n", first,
                    s.programId(), s.fromLayer(), s.toLayer(), s.receives(), s.cost().total(), s.instructions(), s.characters());
        }
        System.out.println("iris-tiny whole: " + whole.cost().total());
    }

    /**
     * breast-cancer-mlp's first Dense layer (30 inputs) is over 2^16 on its own once the hand-off's call is
     * added, so cuts at layer boundaries cannot meet 2^16: refused, naming the layer. Under 2^17 it is
     * split, or not, by the same rule, and every transition fits.
     */
    @Test
    void breastCancerUnderSrs16IsRefusedAndUnder17EveryTransitionFits() throws Exception {
        CompiledModel whole = compile("breast-cancer-mlp", Partitioning.NONE);
        System.out.println("breast-cancer-mlp whole: " + whole.cost().total() + " SRS 2^" + whole.srsDegreeLog2());
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> compile("breast-cancer-mlp", new Partitioning(16, List.of())));
        System.out.println("breast-cancer-mlp --max-srs 16: " + e.getMessage());
        assertTrue(e.getMessage().contains("does not fit even as a segment of its own"), e.getMessage());
        CompiledModel m = compile("breast-cancer-mlp", new Partitioning(17, List.of()));
        for (CompiledSegment s : m.segments()) {
            System.out.printf("breast-cancer-mlp --max-srs 17: %s layers [%d, %d) %s SRS 2^%d%n", s.programId(),
                    s.fromLayer(), s.toLayer(), s.cost().total(), s.srsDegreeLog2());
            assertTrue(s.srsDegreeLog2() <= 17, s.programId() + " needs 2^" + s.srsDegreeLog2());
        }
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        CompiledModel forced = compile("breast-cancer-mlp",
                new Partitioning(null, List.of(whole.quantized().layer(1).name())));
        for (CompiledSegment s : forced.segments()) {
            System.out.printf("breast-cancer-mlp split after %s: %s layers [%d, %d) %s SRS 2^%d%n",
                    whole.quantized().layer(1).name(), s.programId(), s.fromLayer(), s.toLayer(), s.cost().total(),
                    s.srsDegreeLog2());
        }
    }

    @Test
    void aCapNoSegmentMeetsIsRefusedNamingTheLayer() {
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> compile("iris-tiny", new Partitioning(12, List.of())));
        assertTrue(e.getMessage().contains("cannot be split into transitions of at most SRS 2^12")
                && e.getMessage().contains("does not fit even as a segment of its own"), e.getMessage());
        // The search does not cut right after an input that computes nothing, but when no chain fits and the input's
        // own program does not fit either (every function needs SRS 2^16 here), that program is named, as it was when
        // the search tried that cut.
        assertTrue(e.getMessage().contains("layer input (13672 constraints, SRS 2^16)"), e.getMessage());
    }

    @Test
    void aSplitAfterAnUnknownOrOutputLayerIsRefused() throws Exception {
        CompiledModel whole = compile("iris-tiny", Partitioning.NONE);
        assertThrows(WorkbenchException.class, () -> compile("iris-tiny", new Partitioning(null, List.of("nope"))));
        String out = whole.quantized().output().name();
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> compile("iris-tiny", new Partitioning(null, List.of(out))));
        assertTrue(e.getMessage().contains("cannot be split after layer"), e.getMessage());
    }
}
