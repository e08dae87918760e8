package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cuts before and after a pass-through layer ({@link ChainCuts#passesThrough}: generated networks' dropout
 * layers) are twins: every candidate segment ending or starting at one prints the same Aleo text and costs
 * the same as its twin at the other, which is what lets the chain search leave the later one out
 * (export.Partitioner#searchPoints; the CNN samples in export.PassThroughCutTest). Ten generated networks
 * with such a layer; a sweep of seeds 1 to 60,000 found no pair that differs (docs/TESTING.md).
 */
class ChainTwinsTest {

    private static final ProgramHeader HEADER = new ProgramHeader("model.zip", "0".repeat(64), "0".repeat(64), "test");

    @Test
    void generatedNetworksCandidatesAtTwinCutsPrintAndCostAlike() {
        CostModel costs = CostModel.bundled();
        int pairs = 0;
        for (long seed : new long[] {9, 14, 20, 25, 26, 31, 34, 39, 48, 57}) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            QuantizedGraph g = QuantizedGraphBuilder.build(c.graph(), c.spec());
            List<ChainPoint> points = ChainCuts.points(g);
            List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
            starts.addAll(points);
            List<ChainPoint> ends = new ArrayList<>(points);
            ends.add(ChainPoint.before(g.layers().size()));
            boolean any = false;
            for (ChainPoint p : points) {
                if (p.inside() || !ChainCuts.passesThrough(g, p.layer() - 1)) {
                    continue;
                }
                any = true;
                ChainPoint twin = ChainPoint.before(p.layer() - 1);
                for (ChainPoint a : starts) {
                    if (a.compareTo(twin) < 0) {
                        assertTwins(g, costs, seed, a, twin, a, p);
                        pairs++;
                    }
                }
                for (ChainPoint e : ends) {
                    if (e.compareTo(p) > 0) {
                        assertTwins(g, costs, seed, twin, e, p, e);
                        pairs++;
                    }
                }
            }
            assertTrue(any, "seed " + seed + " has a pass-through layer: " + c.description());
        }
        assertTrue(pairs >= 20, "only " + pairs + " pairs compared");
    }

    private static void assertTwins(QuantizedGraph g, CostModel costs, long seed, ChainPoint a, ChainPoint b, ChainPoint c,
                                    ChainPoint d) {
        Lowering.LoweredSegment one = candidate(g, a, b);
        Lowering.LoweredSegment other = candidate(g, c, d);
        String what = "seed " + seed + ": [" + a + ", " + b + ") and [" + c + ", " + d + ")";
        assertEquals(new AleoPrinter().print(one.program()).text(), new AleoPrinter().print(other.program()).text(), what);
        assertEquals(costs.estimate(one.program()).total(), costs.estimate(other.program()).total(), what);
    }

    private static Lowering.LoweredSegment candidate(QuantizedGraph g, ChainPoint from, ChainPoint to) {
        Handoff in = from.equals(ChainPoint.before(0)) ? null
                : new Lowering().lowerCandidate(g, HEADER, "segment", ChainPoint.before(0), from, null, "next").passes();
        boolean last = to.equals(ChainPoint.before(g.layers().size()));
        return new Lowering().lowerCandidate(g, HEADER, "segment", from, to, in, last ? null : "next");
    }
}
