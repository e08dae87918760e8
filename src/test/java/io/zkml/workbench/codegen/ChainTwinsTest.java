package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.UnrepresentableRangeException;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cuts before and after a pass-through layer ({@link ChainCuts#passesThrough}: the CNN samples' reshape
 * and flatten, generated networks' dropout) are twins: every candidate segment ending or starting at one
 * prints the same Aleo text and costs the same as its twin at the other, which is what lets the chain
 * search leave the later one out (export.Partitioner#searchPoints, export.PassThroughCutTest). Checked
 * candidate by candidate, so the search's shortcut rests on measured equality, not on an argument alone;
 * a sweep of generated seeds 1 to 160,000 found no pair that differs (docs/TESTING.md).
 */
class ChainTwinsTest {

    private static final ProgramHeader HEADER = new ProgramHeader("model.zip", "0".repeat(64), "0".repeat(64), "test");
    private final CostModel costs = CostModel.bundled();

    @Test
    void generatedNetworksCandidatesAtTwinCutsPrintAndCostAlike() {
        int pairs = 0;
        for (long seed : new long[] {9, 14, 20, 25, 26, 31, 34, 39, 48, 57}) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            int compared = everyTwinCandidate(QuantizedGraphBuilder.build(c.graph(), c.spec()), "seed " + seed);
            assertTrue(compared > 0, "seed " + seed + " has a pass-through layer: " + c.description());
            pairs += compared;
        }
        assertTrue(pairs >= 20, "only " + pairs + " pairs compared");
    }

    @Test
    void digitsCnnsCandidatesAtTwinCutsPrintAndCostAlike() throws Exception {
        assertTrue(everyTwinCandidate(calibrated("digits-cnn"), "digits-cnn") > 10);
    }

    /** fashion-cnn's candidates are large: its last program and the one before it, either side of its flatten. */
    @Test
    void fashionCnnsProgramsEitherSideOfItsFlattenCostAsTheirTwins() throws Exception {
        QuantizedGraph g = calibrated("fashion-cnn");
        List<ChainPoint> twins = twins(g);
        assertEquals(2, twins.size(), "before the conv layer and before the output layer: " + twins);
        ChainPoint beforeOutput = twins.get(1);
        ChainPoint beforeFlatten = ChainPoint.before(beforeOutput.layer() - 1);
        ChainPoint n = ChainPoint.before(g.layers().size());
        ChainPoint insideConv = new ChainPoint(beforeFlatten.layer() - 2, 3);
        assertTwins(g, "fashion-cnn", beforeFlatten, n, beforeOutput, n);
        assertTwins(g, "fashion-cnn", insideConv, beforeFlatten, insideConv, beforeOutput);
    }

    /**
     * The cut right after an input layer without steps ({@link ChainCuts#handsOnlyInputOn}) leaves the first program
     * nothing to compute but to hand the input on: every candidate starting there prints and costs as the candidate
     * with the same end starting at the model's input, so a chain cut there costs that first program more than the
     * chain without the cut, and the search leaves it out (export.PassThroughCutTest).
     */
    @Test
    void candidatesFromRightAfterAnInputWithoutStepsPrintAndCostAsFromTheModelsInput() throws Exception {
        int pairs = 0;
        for (String sample : List.of("iris-tiny", "iris-mlp", "wine-mlp", "breast-cancer-mlp", "diabetes-regression",
                "digits-cnn")) {
            pairs += fromTheInput(calibrated(sample), sample, Integer.MAX_VALUE);
        }
        // fashion-cnn's are large: the first two ends (inside its convolution).
        pairs += fromTheInput(calibrated("fashion-cnn"), "fashion-cnn", 2);
        int generated = 0;
        int refused = 0;
        for (long seed = 1; seed <= 400; seed++) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            QuantizedGraph g = QuantizedGraphBuilder.build(c.graph(), c.spec());
            if (!lowers(g)) {
                refused++; // a network the code generator refuses as a whole: no candidates to compare
                continue;
            }
            generated += fromTheInput(g, "seed " + seed, Integer.MAX_VALUE);
        }
        assertTrue(generated >= 40, "only " + generated + " generated pairs compared (" + refused + " seeds refused)");
        assertTrue(pairs >= 20, "only " + pairs + " sample pairs compared");
    }

    /** Whether the code generator lowers the network as one program (a refused one has no candidates either). */
    private static boolean lowers(QuantizedGraph g) {
        try {
            new Lowering().lower(g, HEADER, "whole");
            return true;
        } catch (UnrepresentableRangeException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Compares every candidate from right after the input (up to {@code maxEnds} ends) with the one from the start. */
    private int fromTheInput(QuantizedGraph g, String what, int maxEnds) {
        ChainPoint afterInput = ChainPoint.before(1);
        if (!ChainCuts.handsOnlyInputOn(g, afterInput)) {
            return 0;
        }
        List<ChainPoint> ends = new ArrayList<>(ChainCuts.points(g).stream().filter(p -> p.compareTo(afterInput) > 0).toList());
        ends.add(ChainPoint.before(g.layers().size()));
        int pairs = 0;
        for (ChainPoint e : ends.subList(0, Math.min(maxEnds, ends.size()))) {
            assertTwins(g, what, ChainPoint.before(0), e, afterInput, e);
            pairs++;
        }
        return pairs;
    }

    private static QuantizedGraph calibrated(String sample) throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
        return QuantizedGraphBuilder.build(s.graph(), s.calibrate());
    }

    /** The allowed cuts right after a pass-through layer. */
    private static List<ChainPoint> twins(QuantizedGraph g) {
        return ChainCuts.points(g).stream().filter(p -> !p.inside() && ChainCuts.passesThrough(g, p.layer() - 1)).toList();
    }

    /** Compares every candidate ending or starting at a twin cut with its twin; returns how many pairs. */
    private int everyTwinCandidate(QuantizedGraph g, String what) {
        List<ChainPoint> points = ChainCuts.points(g);
        List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
        starts.addAll(points);
        List<ChainPoint> ends = new ArrayList<>(points);
        ends.add(ChainPoint.before(g.layers().size()));
        int pairs = 0;
        for (ChainPoint p : twins(g)) {
            ChainPoint twin = ChainPoint.before(p.layer() - 1);
            for (ChainPoint a : starts) {
                if (a.compareTo(twin) < 0) {
                    assertTwins(g, what, a, twin, a, p);
                    pairs++;
                }
            }
            for (ChainPoint e : ends) {
                if (e.compareTo(p) > 0) {
                    assertTwins(g, what, twin, e, p, e);
                    pairs++;
                }
            }
        }
        return pairs;
    }

    /** Segment [a, b) and segment [c, d), each lowered as the search lowers a candidate, print and cost alike. */
    private void assertTwins(QuantizedGraph g, String model, ChainPoint a, ChainPoint b, ChainPoint c, ChainPoint d) {
        Lowering.LoweredSegment one = candidate(g, a, b);
        Lowering.LoweredSegment other = candidate(g, c, d);
        String what = model + ": [" + a + ", " + b + ") and [" + c + ", " + d + ")";
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
