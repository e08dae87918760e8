package io.zkml.workbench.quant;

import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Searches per-layer widths for the cheapest spec (by a {@link ConstraintEstimator}) that still
 * meets an accuracy target on the evaluation dataset.
 *
 * <p>Knobs: the input width; per node the activation width B, the weight width and, for linear
 * nodes, the arithmetic domain (FIELD or I8..I64). Frac bits follow from the widths by the
 * calibration rule (most fractional bits that keep the measured range, with the same headroom), so
 * every candidate is a calibrated spec. Search: greedy descent from the calibration default. Each
 * round prices every single-knob change (cheap: it only builds the integer program), keeps the
 * ones that lower the estimate — per knob only the least aggressive value of each price level,
 * since widths only pay off when they cross an integer type boundary — and takes the largest
 * saving that still meets the target and does not overflow, trying them in that order on the
 * incremental evaluator (a change re-simulates only its layer and those below). It stops when no
 * cheaper change meets the target. Every simulated candidate is kept for the Pareto report.
 */
public final class AutoTuner {

    /** Below this nothing useful is left (and bounded activations need B >= 2 so that 1.0 fits). */
    static final int MIN_ACTIVATION_BITS = 4;
    static final int MIN_WEIGHT_BITS = 2;
    static final Domain[] DOMAINS = {Domain.FIELD, Domain.I8, Domain.I16, Domain.I32, Domain.I64};

    private final ModelGraph folded;
    private final ModelGraph graph;
    private final Calibrator.Ranges ranges;
    private final IncrementalEvaluator evaluator;
    private final ConstraintEstimator estimator;
    private final Calibrator.Options base;
    private final Map<Settings, Long> priced = new HashMap<>();
    /** Asked before every candidate is priced or simulated; set for one {@link #tune} call. */
    private BooleanSupplier cancelled = () -> false;

    /**
     * @param ranges    the calibration measurements of {@code graph} (see {@link Calibrator#measure})
     * @param evaluator simulates candidates on the dataset the target is judged on
     */
    public AutoTuner(ModelGraph graph, Calibrator.Ranges ranges, IncrementalEvaluator evaluator,
                     ConstraintEstimator estimator) {
        this.graph = graph;
        this.folded = BatchNormFolding.fold(graph);
        this.ranges = ranges;
        this.evaluator = evaluator;
        this.estimator = estimator;
        this.base = Calibrator.Options.DEFAULT;
    }

    /** What must still hold after tuning, judged against the float reference on the dataset. */
    public record Target(Kind kind, double value) {

        public enum Kind {
            /** Quantized accuracy may be at most {@code value} percentage points below float accuracy. */
            MAX_ACCURACY_DROP_POINTS,
            /** At least {@code value} percent of samples get the float model's class. */
            MIN_AGREEMENT_PERCENT
        }

        public static Target maxAccuracyDrop(double points) {
            return new Target(Kind.MAX_ACCURACY_DROP_POINTS, points);
        }

        public static Target minAgreement(double percent) {
            return new Target(Kind.MIN_AGREEMENT_PERCENT, percent);
        }

        boolean met(OutputMetrics o) {
            return kind == Kind.MAX_ACCURACY_DROP_POINTS
                    ? 100 * (o.floatAccuracy() - o.quantizedAccuracy()) <= value + 1e-9
                    : 100 * o.argmaxAgreement() >= value - 1e-9;
        }

        /** The figure the target is about (0..1), higher is better: the Pareto report's y axis. */
        double metric(OutputMetrics o) {
            return kind == Kind.MAX_ACCURACY_DROP_POINTS ? o.quantizedAccuracy() : o.argmaxAgreement();
        }

        public String describe() {
            return kind == Kind.MAX_ACCURACY_DROP_POINTS ? "accuracy drop at most " + value + " points"
                    : "argmax agreement at least " + value + "%";
        }
    }

    /** One node's knobs. */
    public record LayerSetting(int activationBits, int weightBits, Domain domain) {

        String compact() {
            return activationBits + "/" + weightBits + (domain == Domain.FIELD ? "" : "/" + domain);
        }
    }

    /** All knobs: the input width and each spec'd node's setting, in graph order. */
    public record Settings(int inputBits, Map<String, LayerSetting> layers) {

        public Settings {
            layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        }

        Settings withInputBits(int b) {
            return new Settings(b, layers);
        }

        Settings with(String node, LayerSetting s) {
            Map<String, LayerSetting> m = new LinkedHashMap<>(layers);
            m.put(node, s);
            return new Settings(inputBits, m);
        }

        /** e.g. {@code in 12, layer0 8/6, layer1 16/12/I32}: activation bits / weight bits [/ domain]. */
        public String describe() {
            StringBuilder sb = new StringBuilder("in ").append(inputBits);
            layers.forEach((n, s) -> sb.append(", ").append(n).append(' ').append(s.compact()));
            return sb.toString();
        }
    }

    /**
     * One simulated spec.
     *
     * @param quantizedAccuracy NaN without labels
     * @param overflow          some value overflowed (the proof would abort, or a clamp is missing)
     */
    public record Candidate(String settings, long constraints, double quantizedAccuracy, double argmaxAgreement,
                            boolean overflow, boolean meetsTarget) {
    }

    /**
     * @param baseline  the calibration default
     * @param chosen    the cheapest candidate found that meets the target (the baseline if none is cheaper)
     * @param pareto    simulated candidates no other beats on both constraints and the target's metric,
     *                  cheapest first (overflowing ones excluded)
     * @param path      the changes taken, in order
     * @param simulated how many candidates were simulated; {@code priced} how many were only priced
     * @param specs     the spec of each Pareto candidate and the chosen one, by {@link Candidate#settings()},
     *                  so any trade-off shown can be applied, not only the recommendation
     */
    public record Result(QuantSpec spec, Target target, String estimator, double floatAccuracy, Candidate baseline,
                         Candidate chosen, List<Candidate> pareto, List<String> path, int simulated, int priced,
                         long millis, Map<String, QuantSpec> specs) {

        public Result {
            specs = Map.copyOf(specs);
        }

        /** The spec a listed candidate was simulated with. */
        public QuantSpec specOf(Candidate c) {
            QuantSpec s = specs.get(c.settings());
            if (s == null) {
                throw new IllegalArgumentException("not a candidate of this result: " + c.settings());
            }
            return s;
        }
    }

    public Result tune(Target target) {
        return tune(target, () -> false);
    }

    /**
     * As {@link #tune(Target)}, stopping with a {@link CancellationException} soon after
     * {@code cancelled} turns true: it is checked between candidates, each of which takes at most
     * one simulation of the dataset.
     */
    public Result tune(Target target, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        try {
            return search(target);
        } finally {
            this.cancelled = () -> false;
        }
    }

    private Result search(Target target) {
        long start = System.nanoTime();
        Settings cur = baseline();
        IncrementalEvaluator.Outcome first = evaluator.outcome(spec(cur));
        OutputMetrics o = first.output();
        if (!o.classifier()) {
            throw new IllegalArgumentException("auto-tune's targets are about classes, and " + graph.name()
                    + " is a regressor");
        }
        if (target.kind() == Target.Kind.MAX_ACCURACY_DROP_POINTS && Double.isNaN(o.floatAccuracy())) {
            throw new IllegalArgumentException("an accuracy target needs labels in the dataset; use an argmax"
                    + " agreement target instead");
        }
        List<Candidate> all = new ArrayList<>();
        Map<Candidate, Settings> settingsOf = new java.util.IdentityHashMap<>();
        Candidate baseline = candidate(cur, first, target);
        settingsOf.put(baseline, cur);
        all.add(baseline);
        Candidate chosen = baseline;
        List<String> path = new ArrayList<>();
        int simulated = 1;
        while (true) {
            long curCost = chosen.constraints();
            List<Move> moves = cheaperMoves(cur, curCost);
            Move taken = null;
            for (Move m : moves) {
                checkCancelled();
                Candidate c = candidate(m.settings(), evaluator.outcome(spec(m.settings())), target);
                settingsOf.put(c, m.settings());
                simulated++;
                all.add(c);
                if (c.meetsTarget() && !c.overflow()) {
                    taken = m;
                    chosen = c;
                    break;
                }
            }
            if (taken == null) {
                break;
            }
            cur = taken.settings();
            path.add(taken.change() + " (" + curCost + " -> " + chosen.constraints() + " constraints)");
        }
        List<Candidate> front = pareto(all, target);
        Map<String, QuantSpec> specs = new java.util.HashMap<>();
        for (Candidate c : front) {
            specs.put(c.settings(), spec(settingsOf.get(c)));
        }
        specs.put(chosen.settings(), spec(cur));
        return new Result(spec(cur), target, estimator.name(), o.floatAccuracy(), baseline, chosen,
                front, path, simulated, priced.size(), (System.nanoTime() - start) / 1_000_000, specs);
    }

    private record Move(Settings settings, long cost, String change) {
    }

    /** Single-knob changes that lower the estimate, largest saving first. */
    private List<Move> cheaperMoves(Settings cur, long curCost) {
        List<Move> moves = new ArrayList<>();
        List<Move> knob = new ArrayList<>();
        for (int b = cur.inputBits() - 1; b >= MIN_ACTIVATION_BITS; b--) {
            knob.add(new Move(cur.withInputBits(b), 0, "input bits " + cur.inputBits() + " -> " + b));
        }
        keepCheaper(knob, curCost, moves);
        for (Map.Entry<String, LayerSetting> e : cur.layers().entrySet()) {
            String node = e.getKey();
            LayerSetting s = e.getValue();
            knob.clear();
            for (int b = s.activationBits() - 1; b >= MIN_ACTIVATION_BITS; b--) {
                knob.add(new Move(cur.with(node, new LayerSetting(b, s.weightBits(), s.domain())), 0,
                        node + ": activation bits " + s.activationBits() + " -> " + b));
            }
            keepCheaper(knob, curCost, moves);
            if (!isLinear(node)) {
                continue;
            }
            knob.clear();
            for (int w = s.weightBits() - 1; w >= MIN_WEIGHT_BITS; w--) {
                knob.add(new Move(cur.with(node, new LayerSetting(s.activationBits(), w, s.domain())), 0,
                        node + ": weight bits " + s.weightBits() + " -> " + w));
            }
            keepCheaper(knob, curCost, moves);
            knob.clear();
            for (Domain d : DOMAINS) {
                if (d != s.domain()) {
                    knob.add(new Move(cur.with(node, new LayerSetting(s.activationBits(), s.weightBits(), d)), 0,
                            node + ": domain " + s.domain() + " -> " + d));
                }
            }
            keepCheaper(knob, curCost, moves);
        }
        moves.sort(Comparator.comparingLong(Move::cost));
        return moves;
    }

    /**
     * Prices one knob's values (ordered least to most aggressive) and keeps, of those cheaper than
     * now, the first of each price level: the same saving with the most precision left.
     */
    private void keepCheaper(List<Move> knobValues, long curCost, List<Move> out) {
        long lastCost = curCost;
        for (Move m : knobValues) {
            Long cost = price(m.settings());
            if (cost != null && cost < lastCost) {
                out.add(new Move(m.settings(), cost, m.change()));
                lastCost = cost;
            }
        }
    }

    /** Estimated constraints, or null when the settings give no valid program. */
    private Long price(Settings s) {
        if (priced.containsKey(s)) {
            return priced.get(s);
        }
        checkCancelled();
        Long cost;
        try {
            cost = estimator.estimate(QuantizedGraphBuilder.build(graph, spec(s))).total();
        } catch (IllegalArgumentException e) {
            cost = null; // e.g. a shift out of range at an extreme width: not a candidate
        }
        priced.put(s, cost);
        return cost;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("auto-tune cancelled");
        }
    }

    private Candidate candidate(Settings s, IncrementalEvaluator.Outcome out, Target target) {
        OutputMetrics o = out.output();
        boolean overflow = !out.overflow().isClean();
        long cost = estimator.estimate(out.program()).total();
        return new Candidate(s.describe(), cost, o.quantizedAccuracy(), o.argmaxAgreement(), overflow,
                target.met(o) && !overflow);
    }

    private static List<Candidate> pareto(List<Candidate> all, Target target) {
        List<Candidate> sorted = new ArrayList<>(all.stream().filter(c -> !c.overflow()).toList());
        java.util.function.ToDoubleFunction<Candidate> metric = target.kind() == Target.Kind.MAX_ACCURACY_DROP_POINTS
                ? Candidate::quantizedAccuracy : Candidate::argmaxAgreement;
        sorted.sort(Comparator.comparingLong(Candidate::constraints)
                .thenComparing(Comparator.comparingDouble(metric).reversed()));
        List<Candidate> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Candidate c : sorted) {
            if (metric.applyAsDouble(c) > best) {
                front.add(c);
                best = metric.applyAsDouble(c);
            }
        }
        return front;
    }

    /** The calibration default's knobs: every node at the default widths in the field. */
    public Settings baseline() {
        Map<String, LayerSetting> m = new LinkedHashMap<>();
        for (Node n : folded.nodes()) {
            if (new Calibrator(base).layer(n, ranges) != null) {
                m.put(n.name(), new LayerSetting(base.activationBits(), base.weightBits(), Domain.FIELD));
            }
        }
        return new Settings(base.activationBits(), m);
    }

    /** The calibrated spec for a set of knobs. */
    public QuantSpec spec(Settings s) {
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        boolean narrow = false;
        for (Map.Entry<String, LayerSetting> e : s.layers().entrySet()) {
            LayerSetting ls = e.getValue();
            Calibrator c = new Calibrator(base.withWidths(ls.activationBits(), ls.weightBits())
                    .withLinearDomain(ls.domain()));
            layers.put(e.getKey(), c.layer(folded.node(e.getKey()), ranges));
            narrow |= ls.domain().isNarrowInteger();
        }
        int inFrac = new Calibrator(base.withWidths(s.inputBits(), base.weightBits())).inputFracBits(ranges);
        QuantSpec spec = new QuantSpec(QuantSpec.CURRENT_VERSION, inFrac, s.inputBits(), true, layers);
        // Narrow domains get the calibrator's own treatment: weights lowered until the bound fits.
        return narrow ? Calibrator.fitDomain(graph, spec) : spec;
    }

    private boolean isLinear(String node) {
        LayerOp op = folded.node(node).op();
        return op instanceof LayerOp.Dense || op instanceof LayerOp.Output || op instanceof LayerOp.Conv2D
                || op instanceof LayerOp.BatchNorm || op instanceof LayerOp.ElementwiseAdd;
    }
}
