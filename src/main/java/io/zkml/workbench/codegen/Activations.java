package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Rounding;
import io.zkml.workbench.quant.Step;
import io.zkml.workbench.quant.UnrepresentableRangeException;

import java.math.BigInteger;
import java.util.function.Function;

/**
 * Lowers the non-linear element-wise steps (LeakyReLU, HardSigmoid, piecewise-linear
 * Sigmoid/Tanh). Products are taken in the field, where a multiply is free, and brought back with
 * one checked field->unsigned cast per value; casts and comparisons run in the narrowest integer
 * type the value's static range allows.
 */
final class Activations {

    private final Emitter e;
    private final Function<ValueRef, Lowering.FieldTerm> toField;

    Activations(Emitter e, Function<ValueRef, Lowering.FieldTerm> toField) {
        this.e = e;
        this.toField = toField;
    }

    /**
     * {@code shiftRound(w * y + c, k)} in unsigned offset form. {@code outOffset} asks for a given
     * offset of the result (null: the smallest power of two that keeps the cast in range).
     */
    ValueRef affine(ValueRef v, Range r, BigInteger w, BigInteger c, int k, Rounding rounding, BigInteger outOffset,
                    String role) {
        return affine(v, r, w, c, k, rounding, outOffset, null, role);
    }

    /** As above, cast to {@code type} (null: the narrowest unsigned type the pre-shift range allows). */
    ValueRef affine(ValueRef v, Range r, BigInteger w, BigInteger c, int k, Rounding rounding, BigInteger outOffset,
                    ScalarType type, String role) {
        BigInteger half = half(k, rounding);
        Range z = r.affine(w, c);
        BigInteger offset = outOffset != null ? outOffset.shiftLeft(k)
                : BigInteger.ONE.shiftLeft(Math.max(k, z.lo().add(half).min(BigInteger.ZERO).negate().bitLength()));
        ScalarType t = type != null ? type : castType(z, half, offset);
        if (t == null) {
            throw tooWide(z, offset);
        }
        if (!fits(z, half, offset, t)) {
            throw new IllegalStateException("value range " + z + " does not fit " + t.aleo() + " with offset " + offset);
        }
        Lowering.FieldTerm x = toField.apply(v);
        BigInteger constant = c.add(half).add(offset).subtract(w.multiply(x.offset()));
        Operand sum = e.add(e.mul(x.value(), Emitter.constant(ScalarType.FIELD, w), role + "_m"),
                Emitter.constant(ScalarType.FIELD, constant), role + "_t");
        Operand u = e.cast(sum, t, role + "_u");
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
        BigInteger half = half(k, rounding);
        Range z = r.affine(a, BigInteger.ZERO);
        ValueRef y = v;
        if (v.repr() != ValueRef.Repr.OFFSET || !fits(z, half, v.offset().shiftLeft(k), v.type())) {
            // y and the leaked value must share one type and offset to be compared: recast y in
            // the type the leaked value's pre-shift range needs.
            BigInteger offset = BigInteger.ONE.shiftLeft(r.lo().min(BigInteger.ZERO).negate().bitLength());
            ScalarType own = castType(r, BigInteger.ZERO, offset);
            ScalarType need = castType(z, half, offset.shiftLeft(k));
            if (own == null || need == null) {
                // The leaked value's pre-shift range with y's offset fits no unsigned type (seed 7493 of the
                // differential generator failed on it inside the lowering instead of being refused).
                throw need == null ? tooWide(z, offset.shiftLeft(k)) : tooWide(r, offset);
            }
            ScalarType t = own.bits() >= need.bits() ? own : need;
            y = affine(v, r, BigInteger.ONE, BigInteger.ZERO, 0, Rounding.FLOOR, offset, t, role + "_y");
        }
        ValueRef leak = affine(v, r, a, BigInteger.ZERO, k, rounding, y.offset(), y.type(), role + "_l");
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
        // t lies in [offset - zMax, offset + zMax + half].
        ScalarType ut = ScalarType.smallestUnsigned(offset.add(zMax).add(half));
        if (ut == null) {
            throw tooWide(new Range(zMax.negate(), zMax.add(half)), offset);
        }
        Operand u = e.cast(t, ut, role + "_u");
        return ValueRef.offset(e.shr(u, f, role), offset.shiftRight(f));
    }

    /**
     * Polynomial Sigmoid/Tanh on an already clamped {@code u} (range {@code r}): Horner
     * {@code acc = shiftRound(acc * u, F) + c[k]} from the top coefficient down, then
     * {@code shiftRound(acc, C - f)}; the caller clamps the result to the output bounds. Each
     * product is one variable multiply in the field (a single constraint) and each rescaling one
     * checked cast to the narrowest unsigned type the product's static range allows, plus a free
     * shift. The accumulator lives in the field as {@code acc + alpha} for a known constant alpha.
     */
    ValueRef polynomial(ValueRef v, Range r, Step.Polynomial p, String role) {
        long[] c = p.coeffs();
        int uf = p.fracBits() + p.rangeLog2();
        Lowering.FieldTerm x = toField.apply(v);
        BigInteger a = x.offset();
        Operand acc = Emitter.constant(ScalarType.FIELD, c[c.length - 1]);
        BigInteger alpha = BigInteger.ZERO;
        Range ar = new Range(BigInteger.valueOf(c[c.length - 1]), BigInteger.valueOf(c[c.length - 1]));
        for (int k = c.length - 2; k >= 0; k--) {
            // acc * u = (A - alpha)(X - a) = A*X - a*A - alpha*X + alpha*a for A = acc + alpha, X = u + a.
            Operand product;
            BigInteger sigma;
            if (acc instanceof Operand.Const ca) {
                // A constant accumulator (the top coefficient, or a term folded away by zero coefficients).
                BigInteger cv = ca.value().subtract(alpha);
                product = e.mul(x.value(), Emitter.constant(ScalarType.FIELD, cv), role + "_m" + k);
                sigma = a.multiply(cv);
            } else {
                product = e.add(e.add(e.mulVar(acc, x.value(), role + "_m" + k),
                                e.mul(acc, Emitter.constant(ScalarType.FIELD, a.negate()), role + "_ca" + k), role + "_p" + k),
                        e.mul(x.value(), Emitter.constant(ScalarType.FIELD, alpha.negate()), role + "_cx" + k), role + "_p" + k);
                sigma = alpha.multiply(a).negate();
            }
            Range pr = ar.times(r);
            if (pr.magnitude().bitLength() > 62) {
                throw new UnrepresentableRangeException(e.builder().currentLayer(), "polynomial term " + k
                        + " product", "[" + pr.lo() + ", " + pr.hi() + "]", "the simulator's 62-bit products",
                        "lower activationFracBits, or use a PIECEWISE_LINEAR approximation");
            }
            ValueRef q = requantField(product, sigma, pr, uf, p.rounding(), role + "_h" + k);
            Lowering.FieldTerm qf = toField.apply(q);
            acc = qf.value();
            alpha = qf.offset().subtract(BigInteger.valueOf(c[k]));
            ar = pr.shiftRound(uf).affine(BigInteger.ONE, BigInteger.valueOf(c[k]));
        }
        int s = p.coeffFracBits() - p.fracBits();
        if (s >= 0) {
            return requantField(acc, alpha, ar, s, p.rounding(), role + "_r");
        }
        BigInteger m = BigInteger.ONE.shiftLeft(-s);
        return requantField(e.mul(acc, Emitter.constant(ScalarType.FIELD, m), role + "_l"), alpha.multiply(m),
                ar.affine(m, BigInteger.ZERO), 0, p.rounding(), role + "_r");
    }

    /**
     * {@code shiftRound(value, k)} in unsigned offset form, for a field operand holding {@code value + sigma}
     * with {@code value} in {@code range}: one checked cast to the narrowest type that holds it, one shift.
     */
    private ValueRef requantField(Operand f, BigInteger sigma, Range range, int k, Rounding rounding, String role) {
        BigInteger half = half(k, rounding);
        BigInteger offset = BigInteger.ONE.shiftLeft(Math.max(k, range.lo().add(half).min(BigInteger.ZERO).negate().bitLength()));
        ScalarType t = castType(range, half, offset);
        if (t == null) {
            throw tooWide(range, offset);
        }
        Operand sum = e.add(f, Emitter.constant(ScalarType.FIELD, half.add(offset).subtract(sigma)), role + "_t");
        return ValueRef.offset(e.shr(e.cast(sum, t, role + "_u"), k, role), offset.shiftRight(k));
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

    private static boolean fits(Range z, BigInteger half, BigInteger offset, ScalarType t) {
        return z.lo().add(half).add(offset).signum() >= 0 && t.fits(z.hi().add(half).add(offset));
    }

    /** The narrowest unsigned type holding {@code z + half + offset} (null: none up to u64). */
    private static ScalarType castType(Range z, BigInteger half, BigInteger offset) {
        return ScalarType.smallestUnsigned(z.hi().add(half).add(offset).max(BigInteger.ZERO));
    }

    /** A product wider than u64 with its offset: only activation widths near 48 bits get here. */
    private UnrepresentableRangeException tooWide(Range z, BigInteger offset) {
        return new UnrepresentableRangeException(e.builder().currentLayer(), "activation's intermediate product",
                "[" + z.lo() + ", " + z.hi() + "] (plus the offset " + offset + ")", "u64",
                "lower activationBits or activationFracBits of this layer");
    }

        private static BigInteger half(int k, Rounding rounding) {
        return k > 0 && rounding == Rounding.HALF_UP ? BigInteger.ONE.shiftLeft(k - 1) : BigInteger.ZERO;
    }
}
