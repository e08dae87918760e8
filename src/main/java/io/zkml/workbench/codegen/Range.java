package io.zkml.workbench.codegen;

import java.math.BigInteger;

/**
 * Static bounds [lo, hi] of a value between steps. The element-wise steps need them to pick
 * offsets that keep a field->unsigned cast in range and the narrowest type a cast or comparison can run in.
 */
record Range(BigInteger lo, BigInteger hi) {

    static Range symmetric(BigInteger m) {
        return new Range(m.negate(), m);
    }

    /** Every value a signed integer of {@code bits} bits holds. */
    static Range symmetricBits(int bits) {
        return new Range(BigInteger.ONE.shiftLeft(bits - 1).negate(), BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE));
    }

    static Range of(long[] values) {
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (long v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new Range(BigInteger.valueOf(lo), BigInteger.valueOf(hi));
    }

    Range clamp(BigInteger min, BigInteger max) {
        BigInteger l = lo.max(min).min(max);
        BigInteger h = hi.min(max).max(min);
        return new Range(l, h);
    }

    /** After a rounding shift by k (either rounding: floor(lo / 2^k) .. floor(hi / 2^k) + 1). */
    Range shiftRound(int k) {
        if (k <= 0) {
            return new Range(lo.shiftLeft(-k), hi.shiftLeft(-k));
        }
        return new Range(lo.shiftRight(k), hi.shiftRight(k).add(BigInteger.ONE));
    }

    /** After {@code y < 0 ? shiftRound(y * a, k) : y} with 0 <= a <= 2^k. */
    Range leaky(BigInteger a, int k) {
        BigInteger l = lo.signum() < 0 ? lo.multiply(a).shiftRight(k) : lo;
        return new Range(l, hi);
    }

    /** The range of {@code w * y + c}. */
    Range affine(BigInteger w, BigInteger c) {
        BigInteger a = lo.multiply(w).add(c);
        BigInteger b = hi.multiply(w).add(c);
        return new Range(a.min(b), a.max(b));
    }

    /** The range of a product of a value in this range and one in {@code o}. */
    Range times(Range o) {
        BigInteger[] c = {lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo), hi.multiply(o.hi)};
        BigInteger l = c[0], h = c[0];
        for (BigInteger x : c) {
            l = l.min(x);
            h = h.max(x);
        }
        return new Range(l, h);
    }

    BigInteger magnitude() {
        return lo.abs().max(hi.abs());
    }
}
