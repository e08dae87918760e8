package io.zkml.workbench.quant;

/**
 * The exact integer result of every scalar operation the quantized program performs; the
 * simulator calls these and the code generator reproduces them. All inputs are assumed to be
 * within the static bounds the builder established (no long overflow can occur here); range
 * checks live in the simulator, which reports them.
 */
public final class IntegerSemantics {

    private IntegerSemantics() {
    }

    /** 2^k as a double, exact for the frac-bit range used. */
    public static double pow2(int k) {
        return Math.scalb(1.0, k);
    }

    /**
     * Quantizes a real value: {@code floor(x * 2^frac + 0.5)}, computed in double (exact: a float
     * times a power of two is exact and the result is far below 2^52), saturating to the long range.
     */
    public static long quantize(double x, int frac) {
        return (long) Math.floor(x * pow2(frac) + 0.5);
    }

    /**
     * Rescale by k bits. k > 0: FLOOR is {@code floor(v / 2^k)} (arithmetic shift), HALF_UP is
     * {@code floor((v + 2^(k-1)) / 2^k)}. k <= 0: {@code v * 2^-k}, exact.
     */
    public static long shiftRound(long v, int k, Rounding r) {
        if (k <= 0) {
            return v << -k;
        }
        return r == Rounding.FLOOR ? v >> k : (v + (1L << (k - 1))) >> k;
    }

    public static long clamp(long v, long min, long max) {
        return v < min ? min : (v > max ? max : v);
    }

    public static long relu(long y) {
        return y < 0 ? 0 : y;
    }

    public static long leakyShift(long y, int shift, Rounding r) {
        return y < 0 ? shiftRound(y, shift, r) : y;
    }

    public static long leakyMul(long y, long alpha, int alphaFrac, Rounding r) {
        return y < 0 ? shiftRound(y * alpha, alphaFrac, r) : y;
    }

    public static long hardTanh(long y, long one) {
        return clamp(y, -one, one);
    }

    public static long hardSigmoid(long y, Step.HardSigmoid h) {
        return clamp(shiftRound(y * h.slope() + h.half(), h.slopeFracBits(), h.rounding()), 0, h.one());
    }

    public static long piecewiseLinear(long y, Step.PiecewiseLinear p) {
        long[] b = p.breaks();
        int n = b.length - 1;
        if (y <= b[0]) {
            return p.values()[0];
        }
        if (y >= b[n]) {
            return p.values()[n];
        }
        // Binary search gives the same j as the generator's compare chain: breaks[j] <= y < breaks[j+1].
        int lo = 0, hi = n;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] <= y) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return p.values()[lo] + shiftRound(p.slopes()[lo] * (y - b[lo]), p.slopeFracBits(), p.rounding());
    }

    public static long polynomial(long y, Step.Polynomial p) {
        int uFrac = p.fracBits() + p.rangeLog2();
        long lim = 1L << uFrac;
        long u = clamp(y, -lim, lim);
        long[] c = p.coeffs();
        long acc = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            acc = shiftRound(acc * u, uFrac, p.rounding()) + c[k];
        }
        return clamp(shiftRound(acc, p.coeffFracBits() - p.fracBits(), p.rounding()), p.outMin(), p.outMax());
    }

    /** Index of the largest value in {@code v[from .. from+n)}; ties go to the lowest index. */
    public static int argmax(long[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
