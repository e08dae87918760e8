package io.zkml.workbench.codegen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link IrProgram} with snarkVM's semantics: checked integer arithmetic (an
 * out-of-range result aborts, as it aborts the proof), arithmetic right shift, field arithmetic
 * modulo p, and casts that fail when the value does not fit. Lets the lowering be checked
 * against the simulator on many inputs without running snarkVM.
 */
public final class IrInterpreter {

    /** Thrown where snarkVM would halt the execution. */
    public static final class Abort extends RuntimeException {
        public Abort(String message) {
            super(message);
        }
    }

    /** Runs the function; an input or output value is a BigInteger, or a List of them for arrays. */
    public List<Object> run(IrProgram p, List<Object> inputs) {
        if (inputs.size() != p.inputs().size()) {
            throw new IllegalArgumentException("expected " + p.inputs().size() + " inputs, got " + inputs.size());
        }
        Map<Integer, Object> regs = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            regs.put(p.inputs().get(i).reg().index(), inputs.get(i));
        }
        for (Instruction ins : p.body()) {
            regs.put(ins.dst().index(), eval(ins, regs));
        }
        List<Object> out = new ArrayList<>();
        for (IrOutput o : p.outputs()) {
            out.add(value(o.value(), regs));
        }
        return out;
    }

    private static Object eval(Instruction ins, Map<Integer, Object> regs) {
        ScalarType dt = ins.dst().type() instanceof ScalarType s ? s : null;
        if (ins instanceof Instruction.Cast c) {
            BigInteger v = scalar(c.src(), regs);
            ScalarType st = c.src().type() instanceof ScalarType s ? s : null;
            if (dt == ScalarType.FIELD && st != null && st.signed() && v.signum() < 0) {
                // As snarkVM: a signed integer becomes the field element of its two's-complement bits (-5i16 -> 65531).
                v = v.add(BigInteger.ONE.shiftLeft(st.bits()));
            }
            if (c.lossy()) {
                return dt == ScalarType.FIELD ? v.mod(ScalarType.FIELD_MODULUS) : wrap(v, dt);
            }
            return check(dt == ScalarType.FIELD ? v.mod(ScalarType.FIELD_MODULUS) : v, dt, "cast");
        } else if (ins instanceof Instruction.Binary b) {
            BigInteger x = scalar(b.a(), regs);
            BigInteger y = scalar(b.b(), regs);
            ScalarType t = (ScalarType) b.a().type();
            return switch (b.op()) {
                case ADD -> arith(x.add(y), t, "add");
                case SUB -> arith(x.subtract(y), t, "sub");
                case MUL -> arith(x.multiply(y), t, "mul");
                case SHR -> x.shiftRight(y.intValueExact()); // floor division: arithmetic shift
                case LT -> bool(compare(x, y, t) < 0);
                case GTE -> bool(compare(x, y, t) >= 0);
            };
        } else if (ins instanceof Instruction.Ternary t) {
            return scalar(t.condition(), regs).signum() != 0 ? value(t.ifTrue(), regs) : value(t.ifFalse(), regs);
        } else if (ins instanceof Instruction.ArrayNew a) {
            List<Object> list = new ArrayList<>();
            for (Operand o : a.elements()) {
                list.add(value(o, regs));
            }
            return List.copyOf(list);
        }
        throw new UnsupportedOperationException("the interpreter does not evaluate " + ins.getClass().getSimpleName());
    }

    private static int compare(BigInteger x, BigInteger y, ScalarType t) {
        if (t == ScalarType.FIELD) {
            throw new UnsupportedOperationException("field comparison is not used by the generator");
        }
        return x.compareTo(y);
    }

    private static BigInteger arith(BigInteger v, ScalarType t, String what) {
        return t == ScalarType.FIELD ? v.mod(ScalarType.FIELD_MODULUS) : check(v, t, what);
    }

    private static BigInteger check(BigInteger v, ScalarType t, String what) {
        if (t.isInteger() && !t.fits(v)) {
            throw new Abort(what + " result " + v + " does not fit " + t.aleo());
        }
        return v;
    }

    private static BigInteger wrap(BigInteger v, ScalarType t) {
        BigInteger m = BigInteger.ONE.shiftLeft(t.bits());
        BigInteger u = v.mod(m);
        return t.signed() && u.testBit(t.bits() - 1) ? u.subtract(m) : u;
    }

    private static BigInteger bool(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }

    private static BigInteger scalar(Operand o, Map<Integer, Object> regs) {
        return (BigInteger) value(o, regs);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Operand o, Map<Integer, Object> regs) {
        if (o instanceof Operand.Const c) {
            return c.type() == ScalarType.FIELD ? c.value().mod(ScalarType.FIELD_MODULUS) : c.value();
        } else if (o instanceof Operand.Element e) {
            return ((List<Object>) regs.get(e.array().index())).get(e.index());
        }
        return regs.get(((Operand.Reg) o).index());
    }
}
