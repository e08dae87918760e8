package io.zkml.workbench.quant;

import java.util.ArrayList;
import java.util.List;

/**
 * PROVISIONAL constraint estimate, to be replaced by the code generator's cost model. Derived
 * from a handful of snarkVM measurements of single operations, extrapolated per bit; it ranks
 * specs sensibly (which is all the tuner needs) but its absolute numbers are rough.
 *
 * <p>Measurements it rests on: ~11.7k fixed constraints per function with one {@code [i32;4u32]}
 * private input; field mul by a constant and field add free; field→integer cast 65–250 depending
 * on the target width; i32 mul by a constant ≈ 200, i64 mul ≈ 524, i64 add ≈ 70; shr by a constant
 * 0–10; lt + ternary (ReLU) 30–70 at i32; range checks roughly proportional to bit width.
 *
 * <p>Formula. Values live in the smallest Aleo integer type holding them, {@code T(b)} ∈ {8, 16,
 * 32, 64, 128}. Per-operation costs: {@code cast(A) = 52 + 1.55·A} (field→iA: 65 at 8, 250 at 128);
 * {@code add(w) = 70·w/64}; {@code mulConst(w) = 200·w/32} up to 32 bits, {@code 200 + 324·(w-32)/32}
 * up to 64, {@code 524·(w/64)^1.5} beyond; {@code shr = 5}; {@code select(w) = 50·w/32} (lt + ternary);
 * {@code check(w) = 1.55·w} (a range check). Per layer and output value:
 * <ul>
 *   <li>input: {@code 2·select(T(inputBits))} for the saturating clamp;</li>
 *   <li>linear (Dense/Conv/BatchNorm/Add) in FIELD: multiply-accumulate free; requantization
 *       {@code cast(A) + shr + add(A)} with {@code A = T(log2(accBound + rounding) + 1)} (signed, so the offset cast fits; the cast
 *       exists even without a shift: clamps need an integer);</li>
 *   <li>linear in I8..I128: per multiply-accumulate {@code mulConst(d) + add(d)}, then {@code shr + add(d)};</li>
 *   <li>clamp SATURATE {@code 2·select(A)}, CHECK {@code check(T(B))};</li>
 *   <li>ReLU {@code select(T(B))}; LeakyReLU + {@code shr} or {@code mulConst}; HardTanh {@code 2·select};
 *       HardSigmoid {@code mulConst + 2·select}; PWL with N segments {@code N·select + mulConst(2T) + shr};
 *       polynomial of degree d {@code d·(mulConst(2T) + shr + add(2T))};</li>
 *   <li>max pool {@code (taps-1)·select(T(B))}; average pool {@code cast(A) + shr};</li>
 *   <li>argmax output {@code (n-1)·(select(T(B)) + 10)} per sample; flatten/reshape free.</li>
 * </ul>
 * Plus {@link #FIXED_PER_FUNCTION} once.
 */
public final class ProvisionalConstraintEstimator implements ConstraintEstimator {

    public static final long FIXED_PER_FUNCTION = 11_700;
    static final double SHR = 5;
    static final double ARGMAX_INDEX_SELECT = 10;

    @Override
    public String name() {
        return "provisional-v1";
    }

    @Override
    public ConstraintEstimate estimate(QuantizedGraph program) {
        List<ConstraintEstimate.LayerCost> layers = new ArrayList<>();
        long total = FIXED_PER_FUNCTION;
        for (QuantizedLayer l : program.layers()) {
            long c = Math.round(layer(l));
            layers.add(new ConstraintEstimate.LayerCost(l.name(), c));
            total += c;
        }
        return new ConstraintEstimate(name(), total, FIXED_PER_FUNCTION, layers);
    }

    private static double layer(QuantizedLayer l) {
        Producer p = l.producer();
        int n = l.size();
        int t = type(l.bits());
        if (p instanceof Producer.QuantizeInput) {
            return n * 2 * select(t);
        }
        if (p instanceof Producer.Identity && l.steps().isEmpty()) {
            return 0;
        }
        double perValue = 0;
        int accWidth = t;
        if (p instanceof Producer.Dense || p instanceof Producer.Conv2D || p instanceof Producer.Affine
                || p instanceof Producer.Add) {
            Domain d = domain(p);
            int shift = requantShift(l);
            if (d == Domain.FIELD) {
                double rounding = shift > 0 ? Math.scalb(1.0, shift - 1) : 0;
                accWidth = type(ceilLog2(l.accBound() + rounding + 1) + 1);
                perValue += cast(accWidth) + (shift > 0 ? SHR + add(accWidth) : 0);
            } else {
                accWidth = d.bits();
                perValue += macsPerValue(l) * (mulConst(accWidth) + add(accWidth))
                        + (shift > 0 ? SHR + add(accWidth) : 0);
            }
        } else if (p instanceof Producer.MaxPool m) {
            perValue += (m.kernelH() * m.kernelW() - 1) * select(t);
        } else if (p instanceof Producer.AvgPool) {
            accWidth = type(ceilLog2(l.accBound() + 1) + 1);
            perValue += cast(accWidth) + SHR;
        }
        for (Step s : l.steps()) {
            perValue += step(s, accWidth, t);
        }
        double total = n * perValue;
        if (l.argmax()) {
            total += (n - 1) * (select(t) + ARGMAX_INDEX_SELECT);
        }
        return total;
    }

    private static double step(Step s, int accWidth, int t) {
        if (s instanceof Step.Clamp c) {
            return c.mode() == BoundMode.SATURATE ? 2 * select(accWidth) : check(t);
        }
        if (s instanceof Step.Relu) {
            return select(t);
        }
        if (s instanceof Step.LeakyShift) {
            return select(t) + SHR;
        }
        if (s instanceof Step.LeakyMul) {
            return select(t) + mulConst(2 * t) + SHR;
        }
        if (s instanceof Step.HardTanh) {
            return 2 * select(t);
        }
        if (s instanceof Step.HardSigmoid) {
            return mulConst(2 * t) + 2 * select(t) + SHR;
        }
        if (s instanceof Step.PiecewiseLinear p) {
            return (p.breaks().length - 1) * select(t) + mulConst(2 * t) + SHR;
        }
        if (s instanceof Step.Polynomial p) {
            return (p.coeffs().length - 1) * (mulConst(2 * t) + SHR + add(2 * t));
        }
        return 0; // Requant is priced with its producer
    }

    private static int requantShift(QuantizedLayer l) {
        for (Step s : l.steps()) {
            if (s instanceof Step.Requant r) {
                return r.shift();
            }
        }
        return 0;
    }

    private static Domain domain(Producer p) {
        if (p instanceof Producer.Dense d) {
            return d.domain();
        }
        if (p instanceof Producer.Conv2D c) {
            return c.domain();
        }
        if (p instanceof Producer.Affine a) {
            return a.domain();
        }
        return ((Producer.Add) p).domain();
    }

    /** Multiply-accumulates per output value (taps for a convolution, ignoring the border). */
    private static double macsPerValue(QuantizedLayer l) {
        Producer p = l.producer();
        if (p instanceof Producer.Dense d) {
            return d.nIn();
        }
        if (p instanceof Producer.Conv2D c) {
            return (double) c.inC() * c.kernelH() * c.kernelW();
        }
        if (p instanceof Producer.Add) {
            return l.inputCount();
        }
        return 1;
    }

    /** Smallest Aleo integer width holding a signed {@code bits}-bit value. */
    static int type(int bits) {
        int t = 8;
        while (t < bits && t < 128) {
            t *= 2;
        }
        return t;
    }

    static double cast(int width) {
        return 52 + 1.55 * width;
    }

    static double add(int width) {
        return 70.0 * width / 64;
    }

    static double mulConst(int width) {
        if (width <= 32) {
            return 200.0 * width / 32;
        }
        if (width <= 64) {
            return 200 + 324.0 * (width - 32) / 32;
        }
        return 524 * Math.pow(width / 64.0, 1.5);
    }

    static double select(int width) {
        return 50.0 * width / 32;
    }

    static double check(int width) {
        return 1.55 * width;
    }

    private static int ceilLog2(double v) {
        return Math.max(1, (int) Math.ceil(Math.log(v) / Math.log(2)));
    }
}
