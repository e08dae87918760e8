package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.Handoff;
import io.zkml.workbench.codegen.Identifiers;
import io.zkml.workbench.codegen.LayerForms;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.SideBySide;
import io.zkml.workbench.quant.QuantizedGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Chooses where a model is cut into a program chain: the user's forced cuts always, and under a
 * maximum SRS degree per transition the cuts that fit it (and snarkVM's per-function limits) at the
 * least total constraints. Dynamic programming over the allowed cut points ({@link ChainCuts#points}:
 * layer boundaries, and the channel boundaries of Conv2D layers too large for one program); every
 * candidate segment is lowered and priced by the one cost model, so the choice is made on the same
 * numbers the compiled chain reports.
 */
final class Partitioner {

    /** At most 32 transitions per transaction, one of them the fee's. */
    static final int MAX_TRANSITIONS = 31;

    private final QuantizedGraph g;
    private final CostModel costs;
    private final AleoLimits limits;
    private final ProgramHeader header;
    /** What each cut point hands over, learnt from the first candidate lowered to end there (read by several threads). */
    private final Map<ChainPoint, Handoff> handoffs = new ConcurrentHashMap<>();
    /** The layers' weighted sums, built once for every candidate this search lowers. */
    private final LayerForms forms = new LayerForms();
    /** The walk of the start whose candidates this thread's search is pricing (null: none). */
    private Walk walk;
    /** Candidates priced by earlier searches of the same model (a fresh cache: none). */
    private final SegmentPrices.View prices;
    /** True when the search's result is no longer wanted (a newer compile superseded it). */
    private final BooleanSupplier stop;

    Partitioner(QuantizedGraph g, CostModel costs, AleoLimits limits, ProgramHeader header) {
        this(g, costs, limits, header, new SegmentPrices(), () -> false);
    }

    Partitioner(QuantizedGraph g, CostModel costs, AleoLimits limits, ProgramHeader header, SegmentPrices prices,
                BooleanSupplier stop) {
        this.g = g;
        this.costs = costs;
        this.limits = limits;
        this.header = header;
        this.prices = prices.view(g, limits, costs, header);
        this.stop = stop;
    }

    /** The cuts (points a segment starts at), ascending; empty for one program. */
    List<ChainPoint> cuts(Partitioning p, String modelName) {
        List<ChainPoint> forced = forced(p, modelName);
        if (p.maxSrsLog2() == null) {
            return forced;
        }
        Plan plan = plan(p.maxSrsLog2(), forced, false);
        if (plan.cuts() == null) {
            throw new WorkbenchException("model " + modelName + " cannot be split into transitions of at most SRS 2^"
                    + p.maxSrsLog2() + ": " + (plan.worst() == null ? "no cut fits" : plan.worst() + " does not fit even as a "
                    + "segment of its own") + "; raise --max-srs, or make that layer smaller");
        }
        return checkTransitions(plan.cuts(), modelName, " under SRS 2^" + p.maxSrsLog2());
    }

    /**
     * The chain the compiler chooses by itself when one program breaks a limit closures do not lift
     * (program size, a per-transition limit): the least total constraints with every segment within
     * every hard limit, at any SRS degree.
     *
     * @param wholeFails the caller has compiled the whole model and it fails a limit: the search skips that
     *                   candidate instead of lowering and printing it again
     * @return the cuts, or null when no chain fits; then {@code blocking} holds the failed checks of the
     *         smallest segment that does not fit on its own
     */
    Auto withinLimits(String modelName, boolean wholeFails) {
        Plan plan = plan(Integer.MAX_VALUE - 1, List.of(), wholeFails);
        if (plan.cuts() == null) {
            return new Auto(null, plan.blocking());
        }
        return new Auto(checkTransitions(plan.cuts(), modelName, " within Aleo's limits"), List.of());
    }

    /**
     * Whether a candidate from the model's input proves the whole model, as one program named
     * {@code programName}, over the program size limit, so that the compiler need not print and price
     * the whole model to learn it (fashion-cnn: a 2.5-million-character program, on every change in the
     * workbench). The candidates from the input are priced shortest first, as {@link #withinLimits}
     * does and until it would stop too (every longer one fails), so when the model is a chain this
     * prices nothing the search would not (and into the same cache). A longer program prints all of the
     * candidate's instructions and more ({@link SegmentPrices#longerFailsToo}); the candidate is named
     * {@value #CANDIDATE}, so a shorter name is allowed for.
     *
     * @return true when proven; false when not (the whole model may still be over a limit)
     */
    boolean wholeOverSize(String programName) {
        ChainPoint start = ChainPoint.before(0);
        walkFrom(start); // kept for the search that follows when the model is a chain (its first start)
        long nameShorter = Math.max(0, Identifiers.programName(CANDIDATE).length()
                - Identifiers.programName(programName).length());
        List<ChainPoint> points = searchPoints(List.of());
        for (ChainPoint b : points) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("a newer compile superseded this partition search");
            }
            Priced p = price(start, b, b.equals(points.get(0)));
            if (p.fits()) {
                continue;
            }
            if (SegmentPrices.wholeFailsToo(p.failed(), handoffs.get(b), nameShorter)) {
                return true;
            }
            if (SegmentPrices.longerFailsToo(p.failed(), handoffs.get(b))) {
                return false;
            }
        }
        return false;
    }

    /** What is handed over at cut point {@code p}, when a candidate lowered here (or cached) ends there; else null. */
    Handoff handoffAt(ChainPoint p) {
        return handoffs.get(p);
    }

    /** The segment the last chain compiled of this model held as it would be lowered now, or null ({@link SegmentPrices.View#kept}). */
    CompiledSegment kept(ChainPoint a, ChainPoint b, String name, String callee) {
        return prices.kept(a, b, name, callee);
    }

    /** Keeps the chain just compiled for the next compile of this model ({@link SegmentPrices.View#keep}). */
    void keep(List<CompiledSegment> segments, List<String> names) {
        prices.keep(segments, names);
    }

    /** Whether the last compile of this model was cut into a chain by the compiler itself (a hint only). */
    boolean chainedLastTime() {
        return prices.chainedLastTime();
    }

    /** Records whether this compile was cut into a chain by the compiler itself, for the next one's hint. */
    void chained(boolean yes) {
        prices.chained(yes);
    }

    /** The name every candidate program is lowered under (its text's size includes it once). */
    static final String CANDIDATE = "segment";

    /** An automatic choice: the cuts, or what blocks every chain. */
    record Auto(List<ChainPoint> cuts, List<LimitCheck> blocking) {
        /** Whether a chain was found (cuts to make; none would be the one program). */
        boolean fits() {
            return cuts != null && !cuts.isEmpty();
        }
    }

    private record Plan(List<ChainPoint> cuts, String worst, List<LimitCheck> blocking) {
    }

    private List<ChainPoint> checkTransitions(List<ChainPoint> cuts, String modelName, String why) {
        if (cuts.size() + 1 > MAX_TRANSITIONS) {
            throw new WorkbenchException("model " + modelName + " needs " + (cuts.size() + 1) + " transitions" + why
                    + ", more than the " + MAX_TRANSITIONS + " one execution may have");
        }
        return cuts;
    }

    /**
     * The start whose candidates are priced shortest end first, and the cost model's states within the last
     * candidate lowered from it ({@link Lowering.LoweredSegment#prefixes}): the next, longer one is priced from
     * them. One start's only per thread: a state holds the shapes of tens of thousands of registers (tens of
     * megabytes on fashion-cnn), and keeping every start's made the collector's work several times what it saved.
     */
    private static final class Walk {
        private final ChainPoint start;
        private List<CostModel.Checkpoint> states = List.of();

        private Walk(ChainPoint start) {
            this.start = start;
        }
    }

    /** Prices the candidates from {@code a} (null: none) from here on from each other's states ({@link Walk}). */
    private void walkFrom(ChainPoint a) {
        if (a == null || walk == null || !a.equals(walk.start)) {
            walk = a == null ? null : new Walk(a);
        }
    }

    /** Dynamic programming over the allowed cut points: least total constraints, each segment at most {@code maxDegree}. */
    private Plan plan(int maxDegree, List<ChainPoint> forced, boolean wholeFails) {
        ChainPoint n = ChainPoint.before(g.layers().size());
        List<ChainPoint> points = searchPoints(forced);
        List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
        starts.addAll(points);
        List<ChainPoint> ends = new ArrayList<>(points);
        ends.add(n);
        Map<ChainPoint, Long> best = new HashMap<>();
        Map<ChainPoint, ChainPoint> from = new HashMap<>();
        best.put(ChainPoint.before(0), 0L);
        // The shortest candidate from each start reached that does not fit, in the order found: what is reported
        // when no chain fits.
        List<Unfit> unfit = new ArrayList<>();
        // The shortest candidates first (cheap): one far over the program size rules out every longer
        // candidate holding it, which is then never lowered.
        List<ChainPoint[]> hopeless = new ArrayList<>();
        // The starts a chain of fitting shortest candidates reaches from the model's input: surely searched.
        List<ChainPoint> reached = new ArrayList<>();
        boolean chained = true;
        for (ChainPoint a : starts) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("a newer compile superseded this partition search");
            }
            ChainPoint e = nextEnd(ends, a);
            Priced p = price(a, e, true);
            if (SegmentPrices.holdersFailToo(p.failed(), handoffs.get(a), handoffs.get(e))) {
                hopeless.add(new ChainPoint[] {a, e});
            }
            if (chained) {
                reached.add(a);
                chained = new Candidate(e, p).circuitWithin(maxDegree) != null;
            }
        }
        Candidates candidates = new Candidates(ends, forced, wholeFails, hopeless, maxDegree);
        prefetch(reached, candidates);
        for (ChainPoint a : starts) {
            if (!best.containsKey(a)) {
                continue;
            }
            walkFrom(a);
            ChainPoint shortest = nextEnd(ends, a);
            for (Candidate k : candidates.from(a, walk)) {
                ChainPoint b = k.end();
                CircuitInfo c = k.circuitWithin(maxDegree);
                if (c == null) {
                    if (b.equals(shortest)) {
                        CircuitInfo fits = k.priced().fits() ? k.priced().circuit() : null;
                        unfit.add(new Unfit(a, b, fits, fits == null ? Integer.MAX_VALUE : fits.srsDegreeLog2(),
                                k.priced().failed()));
                    }
                    continue;
                }
                long total = best.get(a) + c.constraints();
                if (!best.containsKey(b) || total < best.get(b)) {
                    best.put(b, total);
                    from.put(b, a);
                }
            }
        }
        walkFrom(null);
        if (!best.containsKey(n)) {
            return blocked(unfit, points, maxDegree);
        }
        List<ChainPoint> cuts = new ArrayList<>();
        for (ChainPoint b = from.get(n); b.compareTo(ChainPoint.before(0)) > 0; b = from.get(b)) {
            cuts.add(b);
        }
        Collections.reverse(cuts);
        return new Plan(cuts, null, List.of());
    }

    /** A candidate the search considered, priced: the segment from a start to {@code end}. */
    private record Candidate(ChainPoint end, Priced priced) {
        /** Its circuit when it fits a program and at most SRS 2^{@code maxDegree}, else null. */
        CircuitInfo circuitWithin(int maxDegree) {
            return priced.fits() && priced.circuit().srsDegreeLog2() <= maxDegree ? priced.circuit() : null;
        }
    }

    /**
     * Which candidates one search considers from each start, and in what order: every end after the start that no
     * forced cut lies before, shortest first, but the whole model when the caller knows it fails and any candidate
     * holding a hopeless one ({@link SegmentPrices#holdersFailToo}); after a candidate that does not fit and whose
     * longer twins all fail too ({@link SegmentPrices#longerFailsToo}), none further. Depends only on the prices,
     * never on the chain chosen so far, so that a start's candidates may be priced ahead of the search.
     */
    private final class Candidates {
        private final List<ChainPoint> ends;
        private final List<ChainPoint> forced;
        private final boolean wholeFails;
        private final List<ChainPoint[]> hopeless;
        private final int maxDegree;

        private Candidates(List<ChainPoint> ends, List<ChainPoint> forced, boolean wholeFails,
                           List<ChainPoint[]> hopeless, int maxDegree) {
            this.ends = ends;
            this.forced = forced;
            this.wholeFails = wholeFails;
            this.hopeless = hopeless;
            this.maxDegree = maxDegree;
        }

        /** The candidates from {@code a}, priced in order (from the cache, or lowered along {@code walk}). */
        List<Candidate> from(ChainPoint a, Walk walk) {
            ChainPoint n = ends.get(ends.size() - 1);
            ChainPoint shortest = nextEnd(ends, a);
            List<Candidate> out = new ArrayList<>();
            for (ChainPoint b : ends) {
                if (b.compareTo(a) <= 0 || forced.stream().anyMatch(c -> c.compareTo(a) > 0 && c.compareTo(b) < 0)
                        || wholeFails && a.equals(ChainPoint.before(0)) && b.equals(n) && ends.size() > 1
                        || hopeless.stream().anyMatch(h -> a.compareTo(h[0]) <= 0 && h[1].compareTo(b) <= 0
                                && !(a.equals(h[0]) && b.equals(h[1])))) {
                    continue;
                }
                if (stop.getAsBoolean()) {
                    throw new CancellationException("a newer compile superseded this partition search");
                }
                Candidate k = new Candidate(b, price(a, b, b.equals(shortest), walk));
                out.add(k);
                if (k.circuitWithin(maxDegree) == null && SegmentPrices.longerFailsToo(k.priced().failed(), handoffs.get(b))) {
                    break; // every longer segment from a holds this one's text: none fits either
                }
            }
            return out;
        }
    }

    /**
     * Prices the candidates of the starts the search surely reaches ahead of it, side by side on the common
     * fork-join pool ({@link SideBySide}; after a change to fashion-cnn's convolution: about 14 candidates of up to
     * 50,000 instructions, all but the 6 shortest priced here). A start's candidates depend on its own walk only,
     * and its hand-off is known once the shortest candidates are priced. The search then takes every price from
     * the cache in its own order, so its choice does not depend on which thread priced what, nor on how many
     * there are. A start whose pricing fails is left to the search, which prices it again on the compiling thread
     * and reports the failure as it always has.
     */
    private void prefetch(List<ChainPoint> starts, Candidates candidates) {
        if (starts.size() < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        try {
            SideBySide.map(starts, a -> candidates.from(a, new Walk(a)));
        } catch (RuntimeException e) {
            // Left to the search (see above): it meets the same failure on the compiling thread.
        }
    }

    /** The shortest candidate from a start, found not to fit: its circuit (null when over a hard limit) and degree. */
    private record Unfit(ChainPoint a, ChainPoint b, CircuitInfo circuit, int degree, List<LimitCheck> failed) {
    }

    /**
     * What blocks every chain: of the shortest candidates from the starts reached that do not fit, the first with the
     * highest finite degree (or the first over a hard limit when none has one), with its failed checks. When the cut
     * right after an input that computes nothing was left out and the input's own program does not fit either, that
     * program comes first, as it did when the search tried that cut: its data alone is then what no chain can hold
     * (a generated network's input of thousands of values under SRS 2^16), and the next start would not have been
     * reached. Priced here only, when no chain fits.
     */
    private Plan blocked(List<Unfit> unfit, List<ChainPoint> points, int maxDegree) {
        List<Unfit> order = new ArrayList<>(unfit);
        ChainPoint start = ChainPoint.before(0);
        ChainPoint afterInput = ChainPoint.before(1);
        if (!points.contains(afterInput) && ChainCuts.handsOnlyInputOn(g, afterInput)) {
            Priced input = price(start, afterInput, true);
            CircuitInfo c = input.fits() ? input.circuit() : null;
            int degree = c == null ? Integer.MAX_VALUE : c.srsDegreeLog2();
            if (c == null || degree > maxDegree) {
                order.removeIf(u -> u.a().equals(start));
                order.add(0, new Unfit(start, afterInput, c, degree, input.failed()));
            }
        }
        Unfit worst = null;
        for (Unfit u : order) {
            if (worst == null || u.degree() < Integer.MAX_VALUE && u.degree() > worst.degree()) {
                worst = u;
            }
        }
        if (worst == null) {
            return new Plan(null, null, List.of());
        }
        Unfit w = worst;
        return new Plan(null, describe(w.a(), w.b(), w.circuit()), w.failed().stream().map(f -> new LimitCheck(f.limit(),
                f.allowed(), f.actual(), describeLayers(w.a(), w.b()) + " as a program of its own: " + f.what(),
                f.source())).toList());
    }

    /**
     * The points the search cuts at: every allowed one ({@link ChainCuts#points}) but a cut right after a
     * pass-through layer ({@link ChainCuts#passesThrough}), unless forced. That cut and the one before the
     * layer make the same programs but for the name of the activation handed over, which neither the circuits
     * nor the Aleo text hold: the same values cross, converted by the same instructions (the layer has none).
     * So every candidate ending or starting there costs and fits exactly as its twin before the layer does,
     * and the search, which keeps the earliest of equally cheap cuts (it replaces a best only by a cheaper
     * one, trying starts in chain order), never chose it; its candidates were a fifth of each fashion-cnn
     * search (its reshape and flatten layers). Nor a cut right after an input layer that computes nothing
     * ({@link ChainCuts#handsOnlyInputOn}): every candidate from there costs and fits as the one from the model's
     * input with the same end, so a chain cut there costs its first program more than the same chain uncut
     * (fashion-cnn: three candidates of up to 50,000 instructions on every change to its convolution).
     */
    List<ChainPoint> searchPoints(List<ChainPoint> forced) {
        List<ChainPoint> out = new ArrayList<>();
        for (ChainPoint p : ChainCuts.points(g)) {
            if (forced.contains(p) || p.inside()
                    || !ChainCuts.passesThrough(g, p.layer() - 1) && !ChainCuts.handsOnlyInputOn(g, p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static ChainPoint nextEnd(List<ChainPoint> ends, ChainPoint a) {
        return ends.stream().filter(e -> e.compareTo(a) > 0).findFirst().orElseThrow();
    }

    private String describeLayers(ChainPoint a, ChainPoint b) {
        int first = a.layer();
        int last = b.layersEnd() - 1;
        if (first == 0 && last > 0 && ChainCuts.handsOnlyInputOn(g, ChainPoint.before(1))) {
            first = 1; // an input layer that computes nothing is not what is too large: name the layers that compute
        }
        String from = g.layer(first).name() + (a.inside() ? " (from output channel " + a.channel() + ")" : "");
        String to = g.layer(last).name() + (b.inside() ? " (output channels before " + b.channel() + ")" : "");
        return last > first ? "layers " + from + " to " + to
                : "layer " + g.layer(first).name() + (a.inside() || b.inside() ? " (output channels "
                + (a.inside() ? a.channel() : 0) + " to " + ((b.inside() ? b.channel() : ChainCuts.channels(g, first)) - 1) + ")" : "");
    }

    private String describe(ChainPoint a, ChainPoint b, CircuitInfo c) {
        return describeLayers(a, b) + (c == null ? " (over a per-function limit)"
                : " (" + c.constraints() + " constraints, SRS 2^" + c.srsDegreeLog2() + ")");
    }

    /** The cuts after the user's named layers and inside the named Conv2D layers, ascending. */
    List<ChainPoint> forced(Partitioning p, String modelName) {
        List<ChainPoint> out = new ArrayList<>();
        for (String name : p.splitAfter()) {
            int i = g.indexOf(name);
            if (i < 0) {
                throw new WorkbenchException("model " + modelName + " has no layer '" + name + "' to split after");
            }
            if (!ChainCuts.allowed(g, i + 1)) {
                throw new WorkbenchException("model " + modelName + " cannot be split after layer '" + name
                        + "': a later layer reads an earlier one, or it is the output layer; allowed: "
                        + ChainCuts.all(g).stream().map(b -> g.layer(b - 1).name()).toList());
            }
            if (!out.contains(ChainPoint.before(i + 1))) {
                out.add(ChainPoint.before(i + 1));
            }
        }
        for (ChannelCut cut : p.channelCuts()) {
            int i = g.indexOf(cut.layer());
            if (i < 0) {
                throw new WorkbenchException("model " + modelName + " has no layer '" + cut.layer() + "' to split inside");
            }
            int channels = ChainCuts.channels(g, i);
            if (channels == 0) {
                throw new WorkbenchException("model " + modelName + " cannot be split inside layer '" + cut.layer()
                        + "': only a Conv2D layer with two or more output channels that a chain may be cut before is "
                        + "split between its channels");
            }
            if (cut.channels() < 1 || cut.channels() >= channels) {
                throw new WorkbenchException("model " + modelName + " cannot be split inside layer '" + cut.layer()
                        + "' after " + cut.channels() + " output channels: it has " + channels + ", so 1 to "
                        + (channels - 1) + " may come before the cut");
            }
            ChainPoint point = new ChainPoint(i, cut.channels());
            if (!out.contains(point)) {
                out.add(point);
            }
        }
        Collections.sort(out);
        return out;
    }

    /**
     * A priced segment: its estimate, and the hard limits it fails (none when it fits a program). The estimate is
     * null for a candidate that fails a limit of its program text whatever it costs, priced as one that need not
     * say every limit it fails ({@link #price(ChainPoint, ChainPoint, boolean)}).
     */
    private record Priced(CostEstimate estimate, List<LimitCheck> failed) {
        CircuitInfo circuit() {
            return estimate.total();
        }

        boolean fits() {
            return failed.isEmpty();
        }
    }

    /**
     * The segment [a, b), priced before or now. It depends on its layers and on the layer before a's,
     * whose output it receives (an allowed cut has no later layer reading an earlier one); a segment
     * starting inside a layer also receives that layer's channels computed so far.
     *
     * @param whole whether every limit it fails is needed, and its estimate even when it fails: the shortest
     *              candidate from a start, whose failures are what the search reports when no chain fits.
     *              Otherwise a candidate over a limit of its program text (its size, most often: fashion-cnn's
     *              longer candidates) is not priced: it fails whatever it costs, and its estimate would not be read
     */
    private Priced price(ChainPoint a, ChainPoint b, boolean whole) {
        return price(a, b, whole, walk);
    }

    /** {@link #price(ChainPoint, ChainPoint, boolean)} along {@code walk} (null: none). */
    private Priced price(ChainPoint a, ChainPoint b, boolean whole, Walk walk) {
        SegmentPrices.Priced p = prices.price(a, b, a.layer() - 1, b.layersEnd(), whole, () -> {
            Priced fresh = lowerAndPrice(a, b, whole, walk);
            return new SegmentPrices.Priced(fresh.estimate(), fresh.failed(), handoffs.get(b));
        });
        if (p.passes() != null) {
            handoffs.putIfAbsent(b, p.passes());
        }
        return new Priced(p.estimate(), p.failed());
    }

    /**
     * The cost estimate of the segment [a, b) when this search or an earlier one of the same layers priced it
     * as a candidate, else null: exactly what {@link CostModel#estimate(IrProgram)} gives for that segment of a
     * chain, which is lowered alike but for its program's name and its callee's (the cost model reads neither).
     */
    CostEstimate estimate(ChainPoint a, ChainPoint b) {
        return prices.estimate(a, b, a.layer() - 1, b.layersEnd());
    }

    /**
     * The segment [a, b), lowered (as closures where its function is over the instruction cap) and priced; not
     * priced unless {@code whole} when it fails a limit of its program text (see {@link #price(ChainPoint, ChainPoint, boolean)}).
     */
    private Priced lowerAndPrice(ChainPoint a, ChainPoint b, boolean whole, Walk walk) {
        boolean last = b.equals(ChainPoint.before(g.layers().size()));
        Lowering.LoweredSegment s = new Lowering().lowerCandidate(g, header, CANDIDATE, a, b, handoffs.get(a),
                last ? null : "next", forms);
        if (s.passes() != null) {
            handoffs.putIfAbsent(b, s.passes());
        }
        IrProgram program;
        List<LimitCheck> failed;
        try {
            program = ModelCompiler.withinInstructionCap(s.program(), limits);
            // Only the text's size is checked: measured as printed, not kept.
            failed = limits.programChecks(program, new AleoPrinter().size(program)).stream()
                    .filter(c -> !c.passed()).toList();
        } catch (IllegalArgumentException e) {
            program = null;
            failed = List.of(new LimitCheck("MAX_CLOSURES", 0, 1, e.getMessage(), AleoLimits.SOURCE));
        }
        if (!failed.isEmpty() && !whole) {
            return new Priced(null, failed);
        }
        // Priced from the states within the last candidate lowered from the same start, when that is the start
        // being walked (CostModel compares the prefix before it uses a state); this one's walk replaces them. Not
        // kept across searches: the states of every start's walk (hundreds of megabytes of register shapes on
        // fashion-cnn) made the collector's pauses five times as long as the pricing they saved.
        boolean walking = walk != null && a.equals(walk.start);
        CostModel.Resumed resumed = costs.estimate(s.program(), walking ? walk.states : List.of(),
                walking ? s.prefixes() : List.of());
        if (walking) {
            walk.states = resumed.walk();
        }
        var cost = resumed.estimate();
        if (program == null) {
            return new Priced(cost, failed);
        }
        List<LimitCheck> all = new ArrayList<>(failed);
        limits.circuitChecks(cost.total()).stream().filter(c -> !c.passed() && !OfflineSrs.isOfflineSrs(c.limit()))
                .forEach(all::add);
        return new Priced(cost, all);
    }
}
