package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.IrInterpreter;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.quant.IntegerSimulator;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain cut inside a Conv2D layer, between its output channels (issue #13): every segment computes
 * what the one program computes, bit for bit, and fashion-cnn, whose conv layer alone is over one
 * program's size, exports by itself as such a chain within every Aleo limit.
 */
class LayerSplitTest {

    private static ModelSession open(String sample) throws Exception {
        return ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
    }

    private static CompiledModel compile(ModelSession s, QuantSpec spec, Partitioning p) {
        return ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(p), null);
    }

    /** The simulator's quantized input of row {@code r}, as the interpreter takes it. */
    private static List<Object> input(CompiledModel m, float[] row) {
        List<BigInteger> xs = new ArrayList<>();
        for (long v : new IntegerSimulator().run(m.quantized(), new float[][] {row}).row(0, 0)) {
            xs.add(BigInteger.valueOf(v));
        }
        return List.of(xs);
    }

    /** The first layer a chain may be cut inside (digits-cnn's conv layer). */
    private static String firstSplittableLayer(CompiledModel whole) {
        return whole.quantized().layer(ChainCuts.points(whole.quantized()).stream()
                .filter(ChainPoint::inside).findFirst().orElseThrow().layer()).name();
    }

    private static Map<String, IrProgram> imports(CompiledModel m) {
        Map<String, IrProgram> imports = new HashMap<>();
        m.segments().forEach(seg -> imports.put(seg.programId(), seg.program()));
        return imports;
    }

    @Test
    void everyChannelCutOfDigitsCnnComputesWhatTheWholeProgramComputes() throws Exception {
        ModelSession s = open("digits-cnn");
        QuantSpec spec = s.calibrate();
        CompiledModel whole = compile(s, spec, Partitioning.NONE);
        String conv = firstSplittableLayer(whole);
        float[][] rows = s.normalizedFeatures();
        // The whole program's outputs on the 12 rows, computed once for the six cut sets compared with them.
        List<List<Object>> wholeOut = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            wholeOut.add(new IrInterpreter().run(whole.program(), input(whole, rows[r * 29])));
        }
        for (int channels : List.of(1, 3, 7)) {
            // A cut inside the conv layer, and one more after it: a segment that both receives and passes channels.
            for (List<ChannelCut> cuts : List.of(List.of(new ChannelCut(conv, channels)),
                    List.of(new ChannelCut(conv, channels), new ChannelCut(conv, Math.min(7, channels + 2))))) {
                CompiledModel m = compile(s, spec, new Partitioning(null, List.of(), cuts));
                assertEquals(new java.util.TreeSet<>(cuts.stream().map(ChannelCut::channels).toList()).size() + 1,
                        m.segments().size(), cuts.toString());
                assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
                assertEquals(RecordedCuts.of(m).cutInside().size(), m.segments().size() - 1);
                Map<String, IrProgram> imports = imports(m);
                for (int r = 0; r < 12; r++) {
                    List<Object> in = input(m, rows[r * 29]);
                    List<Object> out = new IrInterpreter().run(m.program(), in, imports);
                    assertEquals(in, input(whole, rows[r * 29]), "the chain takes the whole program's input");
                    assertEquals(wholeOut.get(r), out, cuts + " row " + r * 29);
                    assertEquals(simulated(m, rows[r * 29]), out, cuts + " row " + r * 29 + " against the simulator");
                }
                // The recorded cuts recompile the same programs.
                CompiledModel again = compile(s, spec, RecordedCuts.of(m).recompiling());
                assertEquals(m.segments().stream().map(CompiledSegment::aleoText).toList(),
                        again.segments().stream().map(CompiledSegment::aleoText).toList());
            }
        }
    }

    @Test
    void fashionCnnExportsAsAChainCutInsideItsConvLayerWithinEveryLimit() throws Exception {
        ModelSession s = open("fashion-cnn");
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
        assertTrue(m.isChain(), "fashion-cnn's conv layer is over one program's size on its own");
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        assertTrue(m.segments().stream().anyMatch(seg -> seg.end().inside()), "cut inside the conv layer");
        for (CompiledSegment seg : m.segments()) {
            assertTrue(AleoPrinter.snarkVmLength(seg.aleoText()) <= 2_048_000, seg.programId());
            // Taken from the search's candidate: the same as a walk of the segment's own program.
            assertEquals(io.zkml.workbench.circuit.CostModel.bundled().estimate(seg.program()), seg.cost(),
                    seg.programId());
            System.out.printf("[layersplit] %s %s..%s: %,d constraints, SRS 2^%d, %,d characters (%,d as snarkVM "
                            + "prints it), %d closures%n", seg.programId(), seg.start(), seg.end(),
                    seg.cost().total().constraints(), seg.srsDegreeLog2(), seg.characters(),
                    AleoPrinter.snarkVmLength(seg.aleoText()),
                    seg.program().closures() == null ? 0 : seg.program().closures().parts().size());
        }
        System.out.printf("[layersplit] fashion-cnn: %d programs, %,d constraints%n", m.segments().size(),
                m.totalConstraints());
        // The least total within the limits: the input and conv channels 0-1, channels 2-3 and the pooling,
        // then the dense layer (the cut after channel 2 of 4 leaves each conv half about 1.8 million
        // characters as snarkVM prints it, under 2,048,000; closures keep every function runnable).
        assertEquals(List.of(250_471L, 468_350L, 61_886L), m.segments().stream()
                .map(seg -> seg.cost().total().constraints()).toList());
        assertEquals(List.of(new ChannelCut("conv", 2)), RecordedCuts.of(m).cutInside());
        assertTrue(m.segments().stream().allMatch(seg -> seg.program().closures() == null || seg.program().closures()
                .parts().stream().allMatch(p -> p.instructions() <= ModelCompiler.RUNNABLE_INSTRUCTIONS)));
        // Bit-equal to the simulator's outputs on test rows.
        float[][] rows = s.normalizedFeatures();
        Map<String, IrProgram> imports = imports(m);
        for (int r = 0; r < 5; r++) {
            assertEquals(simulated(m, rows[r]), new IrInterpreter().run(m.program(), input(m, rows[r]), imports),
                    "row " + r);
        }
    }

    /** The simulator's class (or logits) for one row, as the interpreter returns a program's outputs. */
    private static List<Object> simulated(CompiledModel m, float[] row) {
        var sim = new IntegerSimulator().run(m.quantized(), new float[][] {row});
        if (sim.predictions() != null) {
            return List.of(BigInteger.valueOf(sim.predictions()[0]));
        }
        List<BigInteger> logits = new ArrayList<>();
        for (long v : sim.outputValues()) {
            logits.add(BigInteger.valueOf(v));
        }
        return List.of(logits);
    }

    @Test
    void badForcedChannelCutsAreRefusedClearly() throws Exception {
        ModelSession s = open("digits-cnn");
        QuantSpec spec = s.calibrate();
        CompiledModel whole = compile(s, spec, Partitioning.NONE);
        String conv = firstSplittableLayer(whole);
        String dense = whole.quantized().output().name();
        WorkbenchException tooMany = assertThrows(WorkbenchException.class,
                () -> compile(s, spec, new Partitioning(null, List.of(), List.of(new ChannelCut(conv, 8)))));
        assertTrue(tooMany.getMessage().contains("1 to 7 may come before the cut"), tooMany.getMessage());
        WorkbenchException notConv = assertThrows(WorkbenchException.class,
                () -> compile(s, spec, new Partitioning(null, List.of(), List.of(new ChannelCut(dense, 1)))));
        assertTrue(notConv.getMessage().contains("only a Conv2D layer"), notConv.getMessage());
        WorkbenchException unknown = assertThrows(WorkbenchException.class,
                () -> compile(s, spec, new Partitioning(null, List.of(), List.of(new ChannelCut("nope", 1)))));
        assertTrue(unknown.getMessage().contains("no layer 'nope'"), unknown.getMessage());
    }
}
