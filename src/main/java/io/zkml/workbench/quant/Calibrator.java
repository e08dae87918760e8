package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Tensor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proposes a {@link QuantSpec} from a calibration dataset. Rule: each node gets the most
 * fractional bits such that {@code headroom * range * 2^f <= 2^(B-1) - 1}, where range is the
 * largest magnitude the activation clamp sees in float over the dataset (the pre-activation,
 * limited to where the activation is not yet flat); weights get the most fractional bits such
 * that {@code max|w| * 2^f <= 2^(weightBits-1) - 1}. For a narrow integer domain the weight bits
 * are then lowered until the static accumulator bound fits the domain.
 */
public final class Calibrator {

    /**
     * @param activationBits B of every activation
     * @param weightBits     signed width the largest weight of a layer should use
     * @param headroom       factor between the observed range and the bound (2 = one spare bit)
     * @param linearDomain   domain for Dense/Output/Conv2D/BatchNorm/Add
     */
    public record Options(int activationBits, int weightBits, double headroom, Domain linearDomain,
                          Rounding rounding, Approximation approximation) {

        public static final Options DEFAULT = new Options(16, 12, 2.0, Domain.FIELD, Rounding.HALF_UP,
                Approximation.DEFAULT);

        public Options withLinearDomain(Domain d) {
            return new Options(activationBits, weightBits, headroom, d, rounding, approximation);
        }

        public Options withWidths(int activationBits, int weightBits) {
            return new Options(activationBits, weightBits, headroom, linearDomain, rounding, approximation);
        }
    }

    /** Largest frac bits the calibrator proposes for an all-zero layer (nothing to measure). */
    private static final int ZERO_RANGE_FRAC = 12;

    private final Options options;

    public Calibrator(Options options) {
        this.options = options;
    }

    public Calibrator() {
        this(Options.DEFAULT);
    }

    /**
     * What calibration measured: the largest |input| and, per node of the folded graph,
     * {largest |negative|, largest positive} value its clamp sees in float. Specs for other widths
     * are derived from it without running the float model again.
     */
    public record Ranges(double input, Map<String, double[]> clampInput) {
    }

    /** A spec for {@code graph} (BatchNorm folding on) from normalised {@code data}. */
    public QuantSpec propose(ModelGraph graph, float[][] data) {
        return propose(graph, measure(graph, data));
    }

    /** Runs the float model over {@code data} once and records the ranges the rule needs. */
    public Ranges measure(ModelGraph graph, float[][] data) {
        double inRange = 0;
        for (float[] row : data) {
            for (float v : row) {
                inRange = Math.max(inRange, Math.abs(v));
            }
        }
        return new Ranges(inRange, preActivationRanges(BatchNormFolding.fold(graph), data));
    }

    /** The spec this calibrator's options give for already measured ranges. */
    public QuantSpec propose(ModelGraph graph, Ranges ranges) {
        ModelGraph g = BatchNormFolding.fold(graph);
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            LayerQuant q = layer(n, ranges);
            if (q != null) {
                layers.put(n.name(), q);
            }
        }
        QuantSpec spec = new QuantSpec(QuantSpec.CURRENT_VERSION, inputFracBits(ranges), options.activationBits(),
                true, layers);
        return options.linearDomain().isNarrowInteger() ? fitDomain(graph, spec) : spec;
    }

    /** The input's frac bits under this calibrator's activation width. */
    public int inputFracBits(Ranges ranges) {
        return fracFor(ranges.input(), options.activationBits());
    }

    /**
     * The rule for one node of the folded graph under this calibrator's options, or null for a
     * node that needs no spec entry.
     */
    public LayerQuant layer(Node n, Ranges ranges) {
        LayerOp op = n.op();
        Role role = op.accept(ROLE);
        if (role == Role.NONE) {
            return null;
        }
        boolean linear = role == Role.LINEAR;
        int b = options.activationBits();
        Activation act = op.activation();
        double range = clampRange(act, ranges.clampInput().get(n.name()));
        int fo = fracFor(range, b);
        if (bounded(act)) {
            fo = Math.min(fo, b - 2);
        }
        int fw = linear ? weightFrac(n) : 0;
        return new LayerQuant(fw, null, fo, linear || role == Role.ADD
                ? options.linearDomain() : Domain.FIELD, options.rounding(), b, BoundMode.SATURATE,
                options.approximation(), OutputMode.ARGMAX);
    }

    /** What a node is to calibration: which ones get a spec entry, with weights or without. */
    private enum Role {
        /** Weights and an output clamp, in the linear domain. */
        LINEAR,
        /** An output clamp in the field domain. */
        ACTIVATION,
        /** An output clamp in the linear domain (the sum of linear outputs). */
        ADD,
        /** No spec entry: shapes and identities. */
        NONE
    }

    /** Through the op visitor, so a new op does not compile until calibration says what it is. */
    private static final LayerOp.Visitor<Role> ROLE = new LayerOp.Visitor<>() {
        @Override
        public Role input(LayerOp.Input op) {
            return Role.NONE;
        }

        @Override
        public Role dense(LayerOp.Dense op) {
            return Role.LINEAR;
        }

        @Override
        public Role output(LayerOp.Output op) {
            return Role.LINEAR;
        }

        @Override
        public Role conv2d(LayerOp.Conv2D op) {
            return Role.LINEAR;
        }

        @Override
        public Role pool2d(LayerOp.Pool2D op) {
            return Role.NONE;
        }

        @Override
        public Role batchNorm(LayerOp.BatchNorm op) {
            return Role.LINEAR;
        }

        @Override
        public Role act(LayerOp.Act op) {
            return Role.ACTIVATION;
        }

        @Override
        public Role flatten(LayerOp.Flatten op) {
            return Role.NONE;
        }

        @Override
        public Role reshape(LayerOp.Reshape op) {
            return Role.NONE;
        }

        @Override
        public Role add(LayerOp.ElementwiseAdd op) {
            return Role.ADD;
        }

        @Override
        public Role dropout(LayerOp.Dropout op) {
            return Role.NONE;
        }
    };

    /** The magnitude the clamp must hold; beyond it the activation is flat, so clamping is harmless. */
    private static double clampRange(Activation act, double[] range) {
        double neg = range[0], pos = range[1];
        return switch (act.kind()) {
            case RELU -> pos;
            case HARD_TANH -> 1;
            case HARD_SIGMOID -> Math.max(1, Math.min(Math.max(neg, pos), 2.5));
            case SIGMOID -> Math.max(1, Math.min(Math.max(neg, pos), 8));
            case TANH -> Math.max(1, Math.min(Math.max(neg, pos), 4));
            default -> Math.max(neg, pos);
        };
    }

    private static boolean bounded(Activation act) {
        return switch (act.kind()) {
            case HARD_TANH, HARD_SIGMOID, SIGMOID, TANH -> true;
            default -> false;
        };
    }

    private int fracFor(double range, int bits) {
        if (range <= 0) {
            return Math.min(ZERO_RANGE_FRAC, bits - 2);
        }
        double limit = IntegerSemantics.pow2(bits - 1) - 1;
        int f = (int) Math.floor(Math.log(limit / (range * options.headroom())) / Math.log(2));
        while (range * options.headroom() * IntegerSemantics.pow2(f) > limit) {
            f--; // guard against log rounding
        }
        return Math.max(LayerQuant.MIN_FRAC_BITS, Math.min(LayerQuant.MAX_FRAC_BITS, f));
    }

    private int weightFrac(Node n) {
        Tensor w = n.params().get("W");
        float max = w == null ? 0 : w.maxAbs();
        if (n.op() instanceof LayerOp.BatchNorm) {
            float[] gamma = n.requireParam("gamma").toArray();
            float[] std = n.requireParam("std").toArray();
            max = 0;
            for (int i = 0; i < gamma.length; i++) {
                max = Math.max(max, Math.abs(gamma[i] / std[i]));
            }
        }
        if (max == 0) {
            return 0;
        }
        double limit = IntegerSemantics.pow2(options.weightBits() - 1) - 1;
        int f = (int) Math.floor(Math.log(limit / max) / Math.log(2));
        while (IntegerSemantics.quantize(max, f) > limit) {
            f--;
        }
        return Math.max(LayerQuant.MIN_FRAC_BITS, Math.min(LayerQuant.MAX_FRAC_BITS, f));
    }

    /** Lowers weight frac bits of layers whose worst-case accumulator exceeds the narrow domain. */
    static QuantSpec fitDomain(ModelGraph graph, QuantSpec spec) {
        for (int round = 0; round < 64; round++) {
            QuantizedGraph q = QuantizedGraphBuilder.build(graph, spec);
            boolean changed = false;
            for (QuantizedLayer l : q.layers()) {
                LayerQuant lq = spec.layer(l.name());
                if (lq == null || !lq.domain().isNarrowInteger() || l.accBound() <= lq.domain().max()
                        || lq.weightFracBits() <= LayerQuant.MIN_FRAC_BITS) {
                    continue;
                }
                spec = spec.withLayer(l.name(), lq.withWeightFracBits(lq.weightFracBits() - 1));
                changed = true;
            }
            if (!changed) {
                return spec;
            }
        }
        return spec;
    }

    /** Per node {largest |negative value|, largest positive value} of what its clamp sees, in float. */
    private Map<String, double[]> preActivationRanges(ModelGraph g, float[][] data) {
        ModelGraph split = FloatReference.splitActivations(FloatReference.withoutSoftmax(g));
        FloatInterpreter fi = new FloatInterpreter(split);
        Map<String, double[]> ranges = new HashMap<>();
        int nodes = split.nodes().size();
        double[][] r = new double[nodes][2];
        for (float[] x : data) {
            float[][] acts = fi.activations(x);
            for (int k = 0; k < nodes; k++) {
                for (float v : acts[k]) {
                    if (v < 0) {
                        r[k][0] = Math.max(r[k][0], -v);
                    } else {
                        r[k][1] = Math.max(r[k][1], v);
                    }
                }
            }
        }
        for (Node n : g.nodes()) {
            // What the clamp sees: the linear part for split nodes, the input for activation layers.
            String source = n.name();
            if (split.indexOf(n.name() + FloatReference.PRE_SUFFIX) >= 0) {
                source = n.name() + FloatReference.PRE_SUFFIX;
            } else if (n.op() instanceof LayerOp.Act) {
                source = n.inputs().get(0); // the split graph keeps every node's own output under its name
            }
            ranges.put(n.name(), r[split.indexOf(source)]);
        }
        return ranges;
    }
}
