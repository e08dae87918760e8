package io.zkml.workbench.export;

import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.Handoff;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain search leaves out a cut right after a pass-through layer (the CNN samples' reshape and flatten
 * Identity layers) because it and the cut before that layer are twins: every candidate segment ending or
 * starting at one prints the same Aleo text and costs the same as its twin at the other. Checked here
 * candidate by candidate, so the search's shortcut rests on measured equality, not on an argument alone
 * (generated networks in codegen.ChainTwinsTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassThroughCutTest {

    private static final ProgramHeader HEADER = new ProgramHeader("model.zip", "0".repeat(64), "0".repeat(64), "test");
    private final CostModel costs = CostModel.bundled();

    /** Each sample calibrated once for the class (fashion-cnn's calibration is most of a test's time). */
    private final Map<String, QuantizedGraph> calibrated = new HashMap<>();

    private QuantizedGraph calibrated(String sample) throws Exception {
        QuantizedGraph g = calibrated.get(sample);
        if (g == null) {
            ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
            g = QuantizedGraphBuilder.build(s.graph(), s.calibrate());
            calibrated.put(sample, g);
        }
        return g;
    }

    private static Partitioner partitioner(QuantizedGraph g) {
        return new Partitioner(g, CostModel.bundled(), AleoLimits.at(ConsensusVersion.LATEST), HEADER);
    }

    @Test
    void theCutsAfterTheCnnSamplesReshapeAndFlattenAreLeftOutUnlessForced() throws Exception {
        for (String sample : List.of("digits-cnn", "fashion-cnn")) {
            QuantizedGraph g = calibrated(sample);
            List<ChainPoint> twins = twinsAfterPassThrough(g);
            assertEquals(2, twins.size(), sample + ": the cuts before the conv and the output layers: " + twins);
            Partitioner p = partitioner(g);
            List<ChainPoint> searched = p.searchPoints(List.of());
            List<ChainPoint> all = new ArrayList<>(ChainCuts.points(g));
            all.removeAll(twins);
            assertEquals(all, searched, sample);
            assertTrue(p.searchPoints(List.of(twins.get(1))).contains(twins.get(1)), "a forced cut is searched");
        }
    }

    @Test
    void everyCandidateAtALeftOutCutPrintsAndCostsAsItsTwin() throws Exception {
        QuantizedGraph g = calibrated("digits-cnn");
        List<ChainPoint> points = ChainCuts.points(g);
        ChainPoint n = ChainPoint.before(g.layers().size());
        for (ChainPoint p : twinsAfterPassThrough(g)) {
            ChainPoint twin = ChainPoint.before(p.layer() - 1);
            List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
            starts.addAll(points);
            for (ChainPoint a : starts) {
                if (a.compareTo(twin) < 0) {
                    assertTwins(g, a, twin, a, p);
                }
            }
            List<ChainPoint> ends = new ArrayList<>(points);
            ends.add(n);
            for (ChainPoint e : ends) {
                if (e.compareTo(p) > 0) {
                    assertTwins(g, twin, e, p, e);
                }
            }
        }
    }

    @Test
    void fashionCnnsLastProgramCostsAsItsTwin() throws Exception {
        QuantizedGraph g = calibrated("fashion-cnn");
        ChainPoint beforeOutput = twinsAfterPassThrough(g).get(1);
        ChainPoint beforeFlatten = ChainPoint.before(beforeOutput.layer() - 1);
        assertTwins(g, beforeFlatten, ChainPoint.before(g.layers().size()), beforeOutput, ChainPoint.before(g.layers().size()));
        assertTwins(g, new ChainPoint(beforeFlatten.layer() - 2, 3), beforeFlatten, new ChainPoint(beforeFlatten.layer() - 2, 3),
                beforeOutput);
    }

    /** The allowed cuts right after a pass-through layer (what the search leaves out). */
    private static List<ChainPoint> twinsAfterPassThrough(QuantizedGraph g) {
        return ChainCuts.points(g).stream().filter(p -> !p.inside() && ChainCuts.passesThrough(g, p.layer() - 1)).toList();
    }

    /** Segment [a, b) and segment [c, d), each lowered as the search lowers a candidate, print and cost alike. */
    private void assertTwins(QuantizedGraph g, ChainPoint a, ChainPoint b, ChainPoint c, ChainPoint d) {
        Lowering.LoweredSegment one = candidate(g, a, b);
        Lowering.LoweredSegment other = candidate(g, c, d);
        String what = "[" + a + ", " + b + ") and [" + c + ", " + d + ")";
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
