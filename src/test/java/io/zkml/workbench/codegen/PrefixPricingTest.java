package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain search prices the candidates that share a start from the cost model's checkpoint after the
 * last one's layers ({@code CostModel.estimate(program, checkpoint, saveAt)}, export.Partitioner): every
 * candidate so priced must get exactly the estimate it gets priced from scratch, and the checkpoints
 * must really be used (the test would prove nothing if every prefix were refused). The search lowers its
 * candidates without Leo names ({@link Lowering#lowerCandidate}): the same Aleo text, hand-off and price as
 * the segment lowered with names.
 */
class PrefixPricingTest {

    private static final ProgramHeader HEADER = new ProgramHeader("model.zip", "0".repeat(64), "0".repeat(64), "test");

    @Test
    void generatedNetworksPriceEveryCandidateAsFromScratch() {
        long reused = 0;
        for (long seed : new long[] {108, 114, 119, 158, 7, 21}) {
            reused += everyCandidate(RandomNetworks.generate(seed).quantized());
        }
        assertTrue(reused > 0, "no candidate was priced from a checkpoint");
    }

    @Test
    void anUnnamedCandidateHasNoLeoText() {
        QuantizedGraph g = RandomNetworks.generate(108).quantized();
        Lowering.LoweredSegment s = new Lowering().lowerCandidate(g, HEADER, "segment", ChainPoint.before(0),
                ChainPoint.before(g.layers().size()), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeoPrinter().print(s.program()));
        assertTrue(e.getMessage().contains("without Leo names"), e.getMessage());
        assertEquals("r" + s.program().body().get(0).dst().index(), s.program().body().get(0).dst().name());
    }

    @Test
    void digitsCnnAndFashionCnnPriceEveryCandidateAsFromScratch() throws Exception {
        for (String sample : List.of("digits-cnn", "fashion-cnn")) {
            ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
            QuantSpec spec = s.calibrate();
            long reused = everyCandidate(QuantizedGraphBuilder.build(s.graph(), spec));
            assertTrue(reused > 10_000, sample + ": only " + reused + " instructions priced from checkpoints");
        }
    }

    /**
     * Lowers every candidate [a, b) of {@code g} as the partition search does (from each start, the ends in
     * ascending order) and prices it both ways; returns the instructions taken from checkpoints.
     */
    private static long everyCandidate(QuantizedGraph g) {
        CostModel costs = CostModel.bundled();
        ChainPoint n = ChainPoint.before(g.layers().size());
        List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
        starts.addAll(ChainCuts.points(g));
        List<ChainPoint> ends = new ArrayList<>(ChainCuts.points(g));
        ends.add(n);
        long reused = 0;
        for (ChainPoint a : starts) {
            Handoff in = a.equals(ChainPoint.before(0)) ? null
                    : new Lowering().lowerSegment(g, HEADER, "segment", ChainPoint.before(0), a, null, "next").passes();
            List<CostModel.Checkpoint> checkpoints = List.of();
            for (ChainPoint b : ends) {
                if (b.compareTo(a) <= 0) {
                    continue;
                }
                // Lowered unnamed, as the search does; compared with the same segment lowered with names, as
                // the compiler lowers the chain it chose and reads the candidate's estimate for it.
                Lowering.LoweredSegment s = new Lowering().lowerCandidate(g, HEADER, "segment", a, b, in,
                        b.equals(n) ? null : "next");
                Lowering.LoweredSegment named = new Lowering().lowerSegment(g, HEADER, "segment", a, b, in,
                        b.equals(n) ? null : "next");
                assertEquals(new AleoPrinter().print(named.program()).text(), new AleoPrinter().print(s.program()).text(),
                        "[" + a + ", " + b + ") unnamed prints other Aleo text");
                assertEquals(named.passes(), s.passes());
                assertEquals(named.prefixes(), s.prefixes());
                CostModel.Resumed r = costs.estimate(s.program(), checkpoints, s.prefixes());
                var fresh = costs.estimate(named.program());
                assertEquals(fresh, r.estimate(), "[" + a + ", " + b + ")");
                assertEquals(List.copyOf(fresh.layers().keySet()), List.copyOf(r.estimate().layers().keySet()));
                checkpoints = r.walk(); // as the partition search carries a start's states on
                reused += r.reused();
            }
        }
        return reused;
    }
}
