package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model can be cut into segments of a program chain: before layer {@code b} when only layer
 * {@code b - 1}'s values are read from layer {@code b} on (a sequential stretch of the graph), so one
 * activation crosses the cut. The input layer stays in the first segment and the output layer in the last.
 * A Conv2D layer that may be cut before may also be cut inside, between its output channels
 * ({@link ChainPoint#inside()}): its input and the channels already computed cross that cut.
 */
public final class ChainCuts {

    private ChainCuts() {
    }

    /** Whether the chain may be cut before layer {@code b}. */
    public static boolean allowed(QuantizedGraph g, int b) {
        if (b < 1 || b >= g.layers().size() || g.outputIndex() < b) {
            return false;
        }
        for (int j = b; j < g.layers().size(); j++) {
            for (int i : g.layer(j).inputs()) {
                if (i < b - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every allowed cut, ascending. */
    public static List<Integer> all(QuantizedGraph g) {
        List<Integer> out = new ArrayList<>();
        for (int b = 1; b < g.layers().size(); b++) {
            if (allowed(g, b)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Whether layer {@code l} passes its one input on unchanged (an Identity without steps, at the width of its
     * input, the layer before it) and the chain may be cut before it: then the cuts before and after it are
     * twins, handing over the same values by the same instructions (never the input layer, which stays first).
     */
    public static boolean passesThrough(QuantizedGraph g, int l) {
        if (l < 1 || l >= g.layers().size()) {
            return false;
        }
        QuantizedLayer layer = g.layer(l);
        return layer.producer() instanceof Producer.Identity && layer.steps().isEmpty() && layer.inputs().length == 1
                && layer.input(0) == l - 1 && layer.bits() == g.layer(l - 1).bits() && allowed(g, l);
    }

    /**
     * Whether a cut at {@code p} would leave the chain's first program nothing to compute: {@code p} is right after
     * the input layer, whose steps are at most clamps its declared type already implies (the calibrated input's
     * clamp to its full width, {@code [-2^(b-1), 2^(b-1))} when that is exactly an Aleo type; the lowering emits no
     * instruction for it). A segment starting there then receives exactly the declarations the model's input makes,
     * so it prints and costs as the same segment starting at the input (codegen.ChainTwinsTest), and a chain cut there
     * costs a whole extra program more than the same chain uncut.
     */
    public static boolean handsOnlyInputOn(QuantizedGraph g, ChainPoint p) {
        if (p.inside() || p.layer() != 1 || !allowed(g, 1)) {
            return false;
        }
        QuantizedLayer input = g.layer(0);
        if (!(input.producer() instanceof Producer.QuantizeInput)) {
            return false;
        }
        ScalarType t = Lowering.inputType(input.bits());
        return input.steps().stream().allMatch(s -> s instanceof Step.Clamp c
                && java.math.BigInteger.valueOf(c.min()).compareTo(t.min()) <= 0
                && java.math.BigInteger.valueOf(c.max()).compareTo(t.max()) >= 0);
    }

    /** How many output channels layer {@code b} can be split between (0 when it cannot be cut inside). */
    public static int channels(QuantizedGraph g, int b) {
        return g.layer(b).producer() instanceof Producer.Conv2D c && c.outC() > 1 && allowed(g, b) ? c.outC() : 0;
    }

    /** Whether the chain may be cut at {@code p}: before an allowed layer, or inside a splittable Conv2D layer. */
    public static boolean allowed(QuantizedGraph g, ChainPoint p) {
        if (p.layer() >= g.layers().size()) {
            return false;
        }
        return p.inside() ? p.channel() < channels(g, p.layer()) : allowed(g, p.layer());
    }

    /** Every allowed cut point, in chain order: layer boundaries and the channel boundaries of splittable layers. */
    public static List<ChainPoint> points(QuantizedGraph g) {
        List<ChainPoint> out = new ArrayList<>();
        for (int b = 1; b < g.layers().size(); b++) {
            if (allowed(g, b)) {
                out.add(ChainPoint.before(b));
            }
            for (int c = 1; c < channels(g, b); c++) {
                out.add(new ChainPoint(b, c));
            }
        }
        return out;
    }

    /** The output channels of layer {@code layer} a segment from {@code start} to {@code end} computes, or null for all. */
    public static ChannelRun run(QuantizedGraph g, int layer, ChainPoint start, ChainPoint end) {
        boolean fromInside = start.inside() && start.layer() == layer;
        boolean toInside = end.inside() && end.layer() == layer;
        if (!fromInside && !toInside) {
            return null;
        }
        Producer.Conv2D c = (Producer.Conv2D) g.layer(layer).producer();
        return new ChannelRun(fromInside ? start.channel() : 0, toInside ? end.channel() : c.outC(), c.outH() * c.outW());
    }
}
