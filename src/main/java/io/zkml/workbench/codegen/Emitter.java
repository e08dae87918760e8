package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.UnrepresentableRangeException;

import java.math.BigInteger;

/**
 * Instruction helpers over an {@link IrBuilder} that fold constants, so a dead neuron (all
 * weights quantized to zero) or a trivial step costs nothing instead of producing an instruction
 * snarkVM would reject (an operation on two constants).
 */
final class Emitter {

    private final IrBuilder b;

    Emitter(IrBuilder b) {
        this.b = b;
    }

    IrBuilder builder() {
        return b;
    }

    static Operand.Const constant(ScalarType t, BigInteger v) {
        return new Operand.Const(t, v);
    }

    static Operand.Const constant(ScalarType t, long v) {
        return Operand.Const.of(t, v);
    }

    Operand add(Operand a, Operand c, String role) {
        if (a instanceof Operand.Const x && c instanceof Operand.Const y) {
            return new Operand.Const(x.type(), checked(x.type(), x.value().add(y.value())));
        }
        if (isZero(c)) {
            return a;
        }
        if (isZero(a)) {
            return c;
        }
        return b.binary(BinaryOp.ADD, a, c, role);
    }

    Operand sub(Operand a, Operand c, String role) {
        if (a instanceof Operand.Const x && c instanceof Operand.Const y) {
            return new Operand.Const(x.type(), checked(x.type(), x.value().subtract(y.value())));
        }
        return isZero(c) ? a : b.binary(BinaryOp.SUB, a, c, role);
    }

    /**
     * {@code a & 0}, not folded: a zero that still reads {@code a}, so that {@code a}'s checks stay in the
     * program where nothing else reads it (a cast into a domain aborts the proof when the value does not
     * fit). Free in the circuit: every bit is a constant false.
     */
    Operand zeroReading(Operand a, ScalarType t, String role) {
        return a instanceof Operand.Const ? constant(t, 0) : b.binary(BinaryOp.AND, a, constant(t, 0), role);
    }

    Operand mul(Operand a, Operand.Const k, String role) {
        if (a instanceof Operand.Const x) {
            return new Operand.Const(x.type(), checked(x.type(), x.value().multiply(k.value())));
        }
        if (k.value().signum() == 0) {
            return new Operand.Const(k.type(), BigInteger.ZERO);
        }
        return k.value().equals(BigInteger.ONE) ? a : b.binary(BinaryOp.MUL, a, k, role);
    }

    /** Variable times variable: used only in the field, where it is a single constraint. */
    Operand mulVar(Operand a, Operand c, String role) {
        if (c instanceof Operand.Const k) {
            return mul(a, k, role);
        }
        if (a instanceof Operand.Const k) {
            return mul(c, k, role);
        }
        return b.binary(BinaryOp.MUL, a, c, role);
    }

    Operand xor(Operand a, Operand.Const k, String role) {
        if (a instanceof Operand.Const x) {
            return new Operand.Const(x.type(), x.value().xor(k.value()));
        }
        return b.binary(BinaryOp.XOR, a, k, role);
    }

    /** Bitwise and with a constant mask (free in the circuit: each bit is kept or becomes a constant zero). */
    Operand and(Operand a, Operand.Const k, String role) {
        if (a instanceof Operand.Const x) {
            return new Operand.Const(x.type(), x.value().and(k.value()));
        }
        return b.binary(BinaryOp.AND, a, k, role);
    }

    /** Arithmetic right shift by a constant: floor division by 2^k for signed types. */
    Operand shr(Operand a, int k, String role) {
        if (k == 0) {
            return a;
        }
        if (a instanceof Operand.Const x) {
            return new Operand.Const(x.type(), x.value().shiftRight(k));
        }
        return b.binary(BinaryOp.SHR, a, constant(ScalarType.U8, k), role);
    }

    Operand lt(Operand a, Operand c, String role) {
        if (a instanceof Operand.Const x && c instanceof Operand.Const y) {
            return constant(ScalarType.BOOLEAN, x.value().compareTo(y.value()) < 0 ? 1 : 0);
        }
        return b.binary(BinaryOp.LT, a, c, role);
    }

    Operand ternary(Operand cond, Operand ifTrue, Operand ifFalse, String role) {
        if (cond instanceof Operand.Const c) {
            return c.value().signum() != 0 ? ifTrue : ifFalse;
        }
        return b.ternary(cond, ifTrue, ifFalse, role);
    }

    /** Checked cast; constants are converted here and must fit. */
    Operand cast(Operand a, ScalarType to, String role) {
        if (a.type() == to) {
            return a;
        }
        if (a instanceof Operand.Const x) {
            return new Operand.Const(to, to == ScalarType.FIELD ? x.value() : checked(to, x.value()));
        }
        return b.cast(a, to, role);
    }

    /** {@code min(max(v, lo), hi)} with two compare-and-select pairs; a bound the type already implies is skipped. */
    Operand clamp(Operand v, BigInteger lo, BigInteger hi, String role) {
        ScalarType t = (ScalarType) v.type();
        Operand out = v;
        if (lo.compareTo(t.min()) > 0) {
            Operand.Const l = constant(t, lo);
            out = ternary(lt(out, l, role + "_below"), l, out, role + "_lo");
        }
        if (hi.compareTo(t.max()) < 0) {
            Operand.Const h = constant(t, hi);
            out = ternary(lt(h, out, role + "_above"), h, out, role);
        }
        return out;
    }

    private static boolean isZero(Operand o) {
        return o instanceof Operand.Const c && c.value().signum() == 0;
    }

    /**
     * A folded constant must fit its checked type. When it does not, every execution would abort
     * there (the simulator reports the overflow on every input: a dead neuron whose bias and
     * rounding constant leave a narrow domain), and snarkVM has no instruction on two constants to
     * make it abort: the one case the lowering refuses for a value that is not even variable.
     */
    private BigInteger checked(ScalarType t, BigInteger v) {
        if (t == ScalarType.FIELD) {
            return v;
        }
        if (!t.fits(v)) {
            throw new UnrepresentableRangeException(b.currentLayer(), "constant value (a neuron whose weights all "
                    + "quantize to zero)", v.toString(), t.aleo() + ", so every input would overflow",
                    "raise weightFracBits, or use a wider domain or FIELD");
        }
        return v;
    }
}
