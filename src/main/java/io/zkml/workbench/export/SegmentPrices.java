package io.zkml.workbench.export;

import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.Handoff;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The candidate segments a partition search has priced, kept for the next search of the same model:
 * a bit-width change alters one layer, so only the candidates holding it (or reading it) are lowered,
 * printed and priced again. Fashion-cnn's automatic chain prices dozens of candidates of up to 85,000
 * instructions; without this every change in the workbench paid for all of them (seconds).
 * <p>
 * A candidate is reused only while every layer it depends on computes the same integers
 * ({@link QuantizedLayer#sameComputation}), under the same limits, cost model and model file. The
 * header's spec hash is left out: it is a comment of fixed length (64 hex digits), so it changes
 * neither the constraints nor the program's size. Safe for one thread at a time per search; the
 * methods are synchronized so that a cancelled search and the next do not interleave.
 */
public final class SegmentPrices {

    /**
     * A priced candidate: its cost estimate, the hard limits it fails (none when it fits a program) and the
     * activation it hands to the next segment (null for the last). The whole estimate, not only its circuit:
     * a chain compiled from chosen candidates reports it as its segments' cost ({@link View#estimate}). A candidate
     * that fails a limit of its program text may have been left unpriced (estimate null, and only the text's
     * failed limits): {@link View#price} prices it again for a caller that needs it whole.
     */
    record Priced(CostEstimate estimate, List<LimitCheck> failed, Handoff passes) {
        Priced {
            failed = List.copyOf(failed);
        }

        CircuitInfo circuit() {
            return estimate.total();
        }

        boolean fits() {
            return failed.isEmpty();
        }
    }

    /**
     * Whether every longer candidate from the same start fails too, so a search need not price them: the
     * candidate is over the program size limit by more than its hand-off to the next program can take
     * up. A longer candidate prints all of this one's instructions and more; only the hand-off differs (the
     * call and the packing of its {@code passes.size()} values, bounded here by 64 characters per value
     * plus 4,096). Fashion-cnn's convolution alone is 2.5 million characters, over V19's 2,048,000: without
     * this, each search lowered it again for every later end (11 candidates of 85,000 instructions, not 3).
     *
     * @param passes what the candidate hands to the next program (null for the model's last layers)
     */
    static boolean longerFailsToo(List<LimitCheck> failed, Handoff passes) {
        return overSizeBeyond(failed, handoffText(passes));
    }

    /**
     * Whether every candidate holding this one fails too: it is over the program size limit by more than
     * its hand-offs (the values it receives and those it passes on) can take up, which a longer
     * candidate computes in place (see {@link #longerFailsToo}). A search prices the shortest candidates
     * first and skips the longer ones holding such a candidate.
     */
    static boolean holdersFailToo(List<LimitCheck> failed, Handoff receives, Handoff passes) {
        return overSizeBeyond(failed, handoffText(receives) + handoffText(passes));
    }

    /**
     * Whether the whole model, as one program, fails too: the candidate starts at the model's input and is
     * over the program size limit by more than its hand-off can take up (see {@link #longerFailsToo}) and
     * by more than the whole program's name may be shorter than the candidate's.
     *
     * @param nameShorter how many characters shorter the whole program's name is than the candidate's (0 or more)
     */
    static boolean wholeFailsToo(List<LimitCheck> failed, Handoff passes, long nameShorter) {
        return overSizeBeyond(failed, handoffText(passes) + nameShorter);
    }

    /** An upper bound on the program text a hand-off takes: its call and the packing of its values. */
    private static long handoffText(Handoff handoff) {
        return handoff == null ? 0 : 64L * handoff.size() + 4096;
    }

    /** Whether the candidate is over the program size limit by more than {@code slack} characters. */
    private static boolean overSizeBeyond(List<LimitCheck> failed, long slack) {
        return failed.stream().anyMatch(c -> c.limit().equals("MAX_PROGRAM_SIZE") && c.actual() - slack > c.allowed());
    }

    /** Everything besides the layers that a candidate's price depends on. */
    private record Context(AleoLimits limits, CostModel costs, String modelFile, String modelSha256, String tool,
                           int layers, int outputIndex) {
    }

    /** @param layers the canonical layers the candidate was priced with (compared by identity) */
    private record Entry(List<QuantizedLayer> layers, Priced priced) {
    }

    /** @param layers the canonical layers the segment was compiled with (compared by identity) */
    private record Kept(List<QuantizedLayer> layers, CompiledSegment segment) {
    }

    private Context context;
    /** The context whose last compile the compiler cut into a chain by itself (null: none, or not last time). */
    private Context chained;
    /** Per layer index, the layer object that stands for its computation (see {@link #view}). */
    private QuantizedLayer[] canonical = new QuantizedLayer[0];
    private final Map<List<Object>, Entry> entries = new HashMap<>();
    /**
     * The segments of the last chain compiled in this context, by start, end, program name and callee (the chain
     * compiled next takes those whose layers compute the same instead of lowering them again: a change to
     * fashion-cnn's output layer lowered its first two programs, 72,000 instructions, for nothing). The last
     * chain's only: its programs are what the editor shows anyway.
     */
    private Map<List<Object>, Kept> chain = Map.of();
    /**
     * The cost model's states of the last walk of a model compiled as one program ({@link CostModel.Resumed#walk}):
     * the next compile prices its body from the longest whose instructions it starts with (CostModel compares
     * them), so a change to a later layer, or to a layer's activation steps, does not price the unchanged
     * instructions before it again. One walk (its states share the registers' shapes); a chain search's
     * candidates keep none across searches: every start's walk made the collector's work several times what
     * it saved.
     */
    private List<CostModel.Checkpoint> programWalk = List.of();
    private long hits;
    private long misses;
    private long unpriced;
    private long walkedInstructions;
    private long keptSegments;

    /**
     * The prices for one search over {@code g}: each of its layers is compared once with the layer at
     * the same index last time (kept when it computes the same), so that each candidate's check is a
     * comparison of references.
     */
    synchronized View view(QuantizedGraph g, AleoLimits limits, CostModel costs, ProgramHeader header) {
        Context c = new Context(limits, costs, header.modelFile(), header.modelSha256(), header.toolVersion(),
                g.layers().size(), g.outputIndex());
        if (!c.equals(context)) {
            context = c;
            chained = null;
            entries.clear();
            chain = Map.of();
            programWalk = List.of();
            canonical = new QuantizedLayer[g.layers().size()];
        }
        QuantizedLayer[] now = Arrays.copyOf(canonical, canonical.length);
        for (int i = 0; i < now.length; i++) {
            QuantizedLayer l = g.layer(i);
            if (now[i] == null || !now[i].name().equals(l.name()) || !now[i].sameComputation(l)) {
                now[i] = l;
            }
        }
        canonical = now;
        return new View(c, now);
    }

    /** Forgets every price (another model opened). */
    public synchronized void clear() {
        context = null;
        chained = null;
        canonical = new QuantizedLayer[0];
        entries.clear();
        chain = Map.of();
        programWalk = List.of();
    }

    /** The cost model's states of the last walk of a model compiled as one program (empty: none). */
    synchronized List<CostModel.Checkpoint> programWalk() {
        return programWalk;
    }

    /** Keeps {@code r}'s walk as the one program's, in place of the last; counts what it took from that one. */
    synchronized void programWalked(CostModel.Resumed r) {
        if (r.from() != null && programWalk.contains(r.from())) {
            walkedInstructions += r.reused();
        }
        programWalk = r.walk();
    }

    /** Body instructions of one-program compiles priced from an earlier compile's kept state, since this cache was made. */
    public synchronized long resumedInstructions() {
        return walkedInstructions;
    }

    /** Candidates taken from the cache and candidates priced, since this cache was made. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }

    /** Of the candidates priced since this cache was made, those left without an estimate (over a limit of their text). */
    public synchronized long unpriced() {
        return unpriced;
    }

    /**
     * Whether some compile was cut into a chain by the compiler itself last time (any model: checked
     * before a search's view is made, which costs a comparison of every layer).
     */
    synchronized boolean anyChainedLastTime() {
        return chained != null;
    }

    /** Records that the last compile was not cut into a chain by the compiler itself. */
    synchronized void notChained() {
        chained = null;
    }

    private synchronized boolean chainedLastTime(Context c) {
        return c.equals(chained) && c.equals(context);
    }

    private synchronized void chained(Context c, boolean yes) {
        if (c.equals(context)) {
            chained = yes ? c : null;
        }
    }

    private synchronized Priced lookup(Context c, List<Object> key, List<QuantizedLayer> layers, boolean whole) {
        if (!c.equals(context)) {
            return null;
        }
        Entry e = entries.get(key);
        if (!current(e, layers) || whole && e.priced().estimate() == null) {
            return null;
        }
        hits++;
        return e.priced();
    }

    /** The entry for {@code key} while its layers are still {@code layers}, or null; not counted as a hit. */
    private synchronized Priced peek(Context c, List<Object> key, List<QuantizedLayer> layers) {
        Entry e = c.equals(context) ? entries.get(key) : null;
        return current(e, layers) ? e.priced() : null;
    }

    /** Whether {@code e} was priced with {@code layers} (canonical: compared by identity). */
    private static boolean current(Entry e, List<QuantizedLayer> layers) {
        return e != null && sameLayers(e.layers(), layers);
    }

    /** Whether two lists hold the same canonical layers (compared by identity). */
    private static boolean sameLayers(List<QuantizedLayer> a, List<QuantizedLayer> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private synchronized void store(Context c, List<Object> key, List<QuantizedLayer> layers, Priced p) {
        misses++;
        if (p.estimate() == null) {
            unpriced++;
        }
        if (c.equals(context)) {
            entries.put(key, new Entry(layers, p));
        }
    }

    private synchronized CompiledSegment kept(Context c, List<Object> key, List<QuantizedLayer> layers) {
        Kept k = c.equals(context) ? chain.get(key) : null;
        if (k == null || !sameLayers(k.layers(), layers)) {
            return null;
        }
        keptSegments++;
        return k.segment();
    }

    /** Chain segments taken from the last chain compiled instead of lowered again, since this cache was made. */
    public synchronized long keptSegments() {
        return keptSegments;
    }

    private synchronized void keep(Context c, Map<List<Object>, Kept> segments) {
        if (c.equals(context)) {
            chain = Map.copyOf(segments);
        }
    }

    /** One search's access to the prices: its graph's layers, already made canonical. */
    final class View {
        private final Context context;
        private final QuantizedLayer[] layers;

        private View(Context context, QuantizedLayer[] layers) {
            this.context = context;
            this.layers = layers;
        }

        /**
         * Whether the last compile of the same model (same limits, cost model and model file) was cut into
         * a chain by the compiler itself: only a hint of which work to do first, never a decision.
         */
        boolean chainedLastTime() {
            return SegmentPrices.this.chainedLastTime(context);
        }

        /** Records whether this compile was cut into a chain by the compiler itself. */
        void chained(boolean yes) {
            SegmentPrices.this.chained(context, yes);
        }

        /**
         * The candidate from {@code from} to {@code to}, from the cache or from {@code price}.
         *
         * @param firstLayer the first layer whose computation the candidate depends on (the layer before
         *                   its first, whose output it receives); {@code endLayer} one past its last
         * @param whole      the candidate is wanted priced even if it fails: an entry left unpriced is priced again
         */
        Priced price(Object from, Object to, int firstLayer, int endLayer, boolean whole, Supplier<Priced> price) {
            List<QuantizedLayer> deps = deps(firstLayer, endLayer);
            List<Object> key = List.of(from, to);
            Priced p = lookup(context, key, deps, whole);
            if (p == null) {
                p = price.get();
                store(context, key, deps, p);
            }
            return p;
        }

        /**
         * The estimate of the candidate from {@code from} to {@code to} if it is priced (by this search or an
         * earlier one whose layers compute the same), else null. A chain's segment is lowered as its candidate
         * was but for the program's name and its callee's, which the cost model does not read: the compiler
         * takes the segment's cost from here instead of walking its body again.
         */
        CostEstimate estimate(Object from, Object to, int firstLayer, int endLayer) {
            Priced p = peek(context, List.of(from, to), deps(firstLayer, endLayer));
            return p == null ? null : p.estimate();
        }

        /**
         * The segment from {@code from} to {@code to} named {@code name} and calling {@code callee} (null: none) that
         * the last chain compiled of the same model held, while every layer it depends on computes the same; else
         * null. It is the segment this compile would lower but for its header, which names the spec's hash.
         */
        CompiledSegment kept(ChainPoint from, ChainPoint to, String name, String callee) {
            return SegmentPrices.this.kept(context, Arrays.asList(from, to, name, callee),
                    deps(from.layer() - 1, to.layersEnd()));
        }

        /** Keeps the chain just compiled, segment {@code i} named {@code names.get(i)}, in place of the last one. */
        void keep(List<CompiledSegment> segments, List<String> names) {
            Map<List<Object>, Kept> out = new HashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                CompiledSegment s = segments.get(i);
                out.put(Arrays.asList(s.start(), s.end(), names.get(i), i + 1 < names.size() ? names.get(i + 1) : null),
                        new Kept(deps(s.start().layer() - 1, s.end().layersEnd()), s));
            }
            SegmentPrices.this.keep(context, out);
        }

        private List<QuantizedLayer> deps(int firstLayer, int endLayer) {
            return new ArrayList<>(Arrays.asList(layers).subList(Math.max(0, firstLayer), endLayer));
        }
    }
}
