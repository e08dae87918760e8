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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain search prices the candidates that share a start from the cost model's checkpoint after the
 * last one's layers ({@code CostModel.estimate(program, checkpoint, saveAt)}, export.Partitioner): every
 * candidate so priced must get exactly the estimate it gets priced from scratch, and the checkpoints
 * must really be used (the test would prove nothing if every prefix were refused).
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
                Lowering.LoweredSegment s = new Lowering().lowerSegment(g, HEADER, "segment", a, b, in,
                        b.equals(n) ? null : "next");
                CostModel.Resumed r = costs.estimate(s.program(), checkpoints, s.prefixes());
                var fresh = costs.estimate(s.program());
                assertEquals(fresh, r.estimate(), "[" + a + ", " + b + ")");
                assertEquals(List.copyOf(fresh.layers().keySet()), List.copyOf(r.estimate().layers().keySet()));
                checkpoints = r.walk(); // as the partition search carries a start's states on
                reused += r.reused();
            }
        }
        return reused;
    }
}
