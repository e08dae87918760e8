package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Rounding;
import io.zkml.workbench.quant.Step;

import java.math.BigInteger;
import java.util.function.Function;

/**
 * Lowers the non-linear element-wise steps (LeakyReLU, HardSigmoid, piecewise-linear
 * Sigmoid/Tanh). Products are taken in the field, where a multiply is free, and brought back with
 * one checked field->u64 cast per value; comparisons run in the narrowest integer type the value's
 * static range allows.
 */
final class Activations {

    private static final BigInteger U64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final Emitter e;
    private final Function<ValueRef, Lowering.FieldTerm> toField;

    Activations(Emitter e, Function<ValueRef, Lowering.FieldTerm> toField) {
        this.e = e;
        this.toField = toField;
    }

    /**
     * {@code shiftRound(w * y + c, k)} in u64 offset form. {@code outOffset} asks for a given
     * offset of the result (null: the smallest power of two that keeps the cast in range).
     */
    ValueRef affine(ValueRef v, Range r, BigInteger w, BigInteger c, int k, Rounding rounding, BigInteger outOffset,
                    String role) {
        BigInteger half = k > 0 && rounding == Rounding.HALF_UP ? BigInteger.ONE.shiftLeft(k - 1) : BigInteger.ZERO;
        Range z = r.affine(w, c);
        BigInteger offset = outOffset != null ? outOffset.shiftLeft(k)
                : BigInteger.ONE.shiftLeft(Math.max(k, z.lo().add(half).min(BigInteger.ZERO).negate().bitLength()));
        if (!fits(z, half, offset)) {
            throw new IllegalArgumentException("value range " + z + " does not fit u64 with offset " + offset);
        }
        Lowering.FieldTerm x = toField.apply(v);
        BigInteger constant = c.add(half).add(offset).subtract(w.multiply(x.offset()));
        Operand t = e.add(e.mul(x.value(), Emitter.constant(ScalarType.FIELD, w), role + "_m"),
                Emitter.constant(ScalarType.FIELD, constant), role + "_t");
        Operand u = e.cast(t, ScalarType.U64, role + "_u");
        return ValueRef.offset(e.shr(u, k, role + "_s"), offset.shiftRight(k));
    }

    /**
     * LeakyReLU {@code y < 0 ? shiftRound(y * a, k) : y} as {@code max(y, shiftRound(y * a, k))}:
     * equal for 0 <= a <= 2^k under either rounding (the leaked value is below y for y >= 0 and
     * above it for y < 0), and a max needs no sign test of its own.
     */
    ValueRef leaky(ValueRef v, Range r, BigInteger a, int k, Rounding rounding, String role) {
        if (a.signum() < 0 || a.compareTo(BigInteger.ONE.shiftLeft(k)) > 0) {
            throw new UnsupportedOperationException("LeakyReLU with alpha outside [0, 1] is not lowered");
        }
        BigInteger half = k > 0 && rounding == Rounding.HALF_UP ? BigInteger.ONE.shiftLeft(k - 1) : BigInteger.ZERO;
        ValueRef y = v;
        if (!(v.repr() == ValueRef.Repr.OFFSET && v.type() == ScalarType.U64
                && fits(r.affine(a, BigInteger.ZERO), half, v.offset().shiftLeft(k)))) {
            y = affine(v, r, BigInteger.ONE, BigInteger.ZERO, 0, Rounding.FLOOR, null, role + "_y");
        }
        ValueRef leak = affine(v, r, a, BigInteger.ZERO, k, rounding, y.offset(), role + "_l");
        Operand c = e.lt(y.operand(), leak.operand(), role + "_lt");
        return ValueRef.offset(e.ternary(c, leak.operand(), y.operand(), role), y.offset());
    }

    /**
     * Piecewise linear: compares select the segment's slope and intercept (field constants), then
     * one variable multiply in the field and one cast give {@code values[j] + shiftRound(slopes[j] *
     * (y - breaks[j]), F)} = {@code shiftRound(slopes[j] * y + (values[j] << F) - slopes[j] * breaks[j], F)}.
     */
    ValueRef piecewiseLinear(ValueRef v, Range r, Step.PiecewiseLinear p, String role) {
        long[] b = p.breaks(), val = p.values(), sl = p.slopes();
        int n = b.length - 1, f = p.slopeFracBits();
        BigInteger half = f > 0 && p.rounding() == Rounding.HALF_UP ? BigInteger.ONE.shiftLeft(f - 1) : BigInteger.ZERO;
        // Largest |pre-shift value| over every segment's ends bounds the offset the cast needs.
        BigInteger zMax = BigInteger.valueOf(Math.max(Math.abs(val[0]), Math.abs(val[n]))).shiftLeft(f);
        for (int j = 0; j < n; j++) {
            BigInteger base = BigInteger.valueOf(val[j]).shiftLeft(f);
            BigInteger end = base.add(BigInteger.valueOf(sl[j]).multiply(BigInteger.valueOf(Math.max(0, b[j + 1] - b[j]))));
            zMax = zMax.max(base.abs()).max(end.abs());
        }
        BigInteger offset = BigInteger.ONE.shiftLeft(Math.max(f, zMax.add(half).bitLength() + 1));
        Lowering.FieldTerm x = toField.apply(v);
        Operand y = narrow(v, r, role);
        // Selection order: above the last break first, then segments from the top down, so the
        // last true condition is the lowest segment containing y, as the simulator's search finds.
        Operand slope = Emitter.constant(ScalarType.FIELD, 0);
        Operand intercept = Emitter.constant(ScalarType.FIELD, intercept(val[n], 0, 0, f, half, offset, x));
        for (int j = n - 1; j >= -1; j--) {
            long bound = b[j + 1];
            long s = j >= 0 ? sl[j] : 0;
            BigInteger ic = j >= 0 ? intercept(val[j], s, b[j], f, half, offset, x)
                    : intercept(val[0], 0, 0, f, half, offset, x);
            Operand cond = less(y, r, bound, role + "_c" + (j + 1));
            slope = select(cond, Emitter.constant(ScalarType.FIELD, s), slope, role + "_s" + (j + 1));
            intercept = select(cond, Emitter.constant(ScalarType.FIELD, ic), intercept, role + "_i" + (j + 1));
        }
        Operand t = e.add(e.mulVar(x.value(), slope, role + "_m"), intercept, role + "_t");
        Operand u = e.cast(t, ScalarType.U64, role + "_u");
        return ValueRef.offset(e.shr(u, f, role), offset.shiftRight(f));
    }

    private static BigInteger intercept(long value, long slope, long brk, int f, BigInteger half, BigInteger offset,
                                        Lowering.FieldTerm x) {
        BigInteger s = BigInteger.valueOf(slope);
        return BigInteger.valueOf(value).shiftLeft(f).subtract(s.multiply(BigInteger.valueOf(brk))).add(half).add(offset)
                .subtract(s.multiply(x.offset()));
    }

    private Operand select(Operand cond, Operand ifTrue, Operand ifFalse, String role) {
        if (ifTrue.equals(ifFalse)) {
            return ifFalse;
        }
        return e.ternary(cond, ifTrue, ifFalse, role);
    }

    /** {@code y < bound}, folded to a constant when the static range decides it. */
    private Operand less(Operand y, Range r, long bound, String role) {
        BigInteger bd = BigInteger.valueOf(bound);
        if (bd.compareTo(r.hi()) > 0) {
            return Emitter.constant(ScalarType.BOOLEAN, 1);
        }
        if (bd.compareTo(r.lo()) <= 0) {
            return Emitter.constant(ScalarType.BOOLEAN, 0);
        }
        return e.lt(y, Emitter.constant((ScalarType) y.type(), bd), role);
    }

    /** The value as a signed integer of the narrowest type its range allows, for cheap comparisons. */
    private Operand narrow(ValueRef v, Range r, String role) {
        if (v.repr() == ValueRef.Repr.SIGNED) {
            return v.operand();
        }
        BigInteger span = r.hi().subtract(r.lo());
        ScalarType w = ScalarType.smallestSigned(r.lo().min(BigInteger.ZERO), span.max(r.hi()));
        // value + offset >= offset + lo, so the subtraction cannot underflow.
        Operand d = e.sub(v.operand(), Emitter.constant(v.type(), v.offset().add(r.lo())), role + "_d");
        return e.add(e.cast(d, w, role + "_w"), Emitter.constant(w, r.lo()), role + "_n");
    }

    private static boolean fits(Range z, BigInteger half, BigInteger offset) {
        return z.lo().add(half).add(offset).signum() >= 0 && z.hi().add(half).add(offset).compareTo(U64_LIMIT) < 0;
    }
}
