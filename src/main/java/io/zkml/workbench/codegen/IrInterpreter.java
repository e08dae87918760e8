package io.zkml.workbench.codegen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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

    private final java.util.function.BinaryOperator<String> hash;

    /** An interpreter for programs without hashes. */
    public IrInterpreter() {
        this(null, true);
    }

    /** {@code psd2}: hash.psd2 of an Aleo value's text to a field literal (the sidecar's {@code hash} op, or a stand-in). */
    public IrInterpreter(UnaryOperator<String> psd2) {
        this(psd2 == null ? null : (java.util.function.BinaryOperator<String>) (algorithm, text) -> {
            if (!algorithm.equals("psd2")) {
                throw new UnsupportedOperationException("this interpreter was made with hash.psd2 only, not hash." + algorithm);
            }
            return psd2.apply(text);
        }, true);
    }

    private IrInterpreter(java.util.function.BinaryOperator<String> hash, boolean unused) {
        this.hash = hash;
    }

    /** {@code hash}: (algorithm, Aleo value text) to a field literal, for programs hashing with psd2 or psd8. */
    public static IrInterpreter withHash(java.util.function.BinaryOperator<String> hash) {
        return new IrInterpreter(hash, true);
    }

    /** Runs the function; an input or output value is a BigInteger, or a List of them for arrays. */
    public List<Object> run(IrProgram p, List<Object> inputs) {
        return run(p, inputs, Map.of());
    }

    /** The values a chain segment passes to the next for these inputs (what the callee's inputs will be). */
    public List<Object> callArguments(IrProgram p, List<Object> inputs) {
        Map<Integer, Object> regs = registers(p, inputs);
        for (int i = 0; i < inputs.size(); i++) {
            regs.put(p.inputs().get(i).reg().index(), inputs.get(i));
        }
        for (Instruction ins : p.body()) {
            regs.put(ins.dst().index(), ins instanceof Instruction.Hash h ? hash(h, regs) : eval(ins, regs));
        }
        List<Object> args = new ArrayList<>();
        for (Operand a : p.call().args()) {
            args.add(value(a, regs));
        }
        return args;
    }

    /** Runs a chain's entry: its segment call runs the imported program named in it, and so on down the chain. */
    public List<Object> run(IrProgram p, List<Object> inputs, Map<String, IrProgram> imports) {
        if (inputs.size() != p.inputs().size()) {
            throw new IllegalArgumentException("expected " + p.inputs().size() + " inputs, got " + inputs.size());
        }
        Map<Integer, Object> regs = registers(p, inputs);
        for (int i = 0; i < inputs.size(); i++) {
            regs.put(p.inputs().get(i).reg().index(), inputs.get(i));
        }
        for (Instruction ins : p.body()) {
            regs.put(ins.dst().index(), ins instanceof Instruction.Hash h ? hash(h, regs) : eval(ins, regs));
        }
        if (p.call() != null) {
            IrProgram callee = imports.get(p.call().programId());
            if (callee == null) {
                throw new IllegalArgumentException("program " + p.call().programId() + " is not among the imports");
            }
            List<Object> args = new ArrayList<>();
            for (Operand a : p.call().args()) {
                args.add(value(a, regs));
            }
            List<Object> results = run(callee, args, imports);
            for (int i = 0; i < results.size(); i++) {
                regs.put(p.call().results().get(i).index(), results.get(i));
            }
        }
        for (IrAssertion a : p.assertions()) {
            if (!value(a.a(), regs).equals(value(a.b(), regs))) {
                throw new Abort("assert.eq failed: " + value(a.a(), regs) + " != " + value(a.b(), regs));
            }
        }
        List<Object> out = new ArrayList<>();
        for (IrOutput o : p.outputs()) {
            out.add(value(o.value(), regs));
        }
        return out;
    }

    /** Sized for every register up front: growing the map rehashed it a dozen times per run of a large program. */
    private static Map<Integer, Object> registers(IrProgram p, List<Object> inputs) {
        return new HashMap<>(2 * (p.body().size() + inputs.size() + 8));
    }

    private static Object eval(Instruction ins, Map<Integer, Object> regs) {
        ScalarType dt = ins.dst().type() instanceof ScalarType s ? s : null;
        if (ins instanceof Instruction.Cast c) {
            BigInteger v = scalar(c.src(), regs);
            if (c.lossy()) {
                return dt == ScalarType.FIELD ? field(v) : wrap(v, dt);
            }
            ScalarType st = (ScalarType) c.src().type();
            if (dt == ScalarType.FIELD && st.isInteger() && st.signed()) {
                // snarkVM casts a signed integer to field by its bits: -5i16 becomes 65531field.
                return v.mod(BigInteger.ONE.shiftLeft(st.bits()));
            }
            return check(dt == ScalarType.FIELD ? field(v) : v, dt, "cast");
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
                case XOR -> x.xor(y); // two's complement, so this is the bitwise xor of the typed values
                case AND -> x.and(y);
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

    private BigInteger hash(Instruction.Hash h, Map<Integer, Object> regs) {
        if (hash == null) {
            throw new UnsupportedOperationException("this interpreter was made without a hash function");
        }
        String out = hash.apply(h.algorithm(), literal(value(h.src(), regs), h.src().type()));
        return new BigInteger(out.trim().replace("field", ""));
    }

    @SuppressWarnings("unchecked")
    private static String literal(Object v, IrType t) {
        if (t instanceof ArrayType a) {
            return ((List<Object>) v).stream().map(x -> literal(x, a.element()))
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return v + t.aleo();
    }

    private static int compare(BigInteger x, BigInteger y, ScalarType t) {
        if (t == ScalarType.FIELD) {
            throw new UnsupportedOperationException("field comparison is not used by the generator");
        }
        return x.compareTo(y);
    }

    private static BigInteger arith(BigInteger v, ScalarType t, String what) {
        return t == ScalarType.FIELD ? field(v) : check(v, t, what);
    }

    /**
     * {@code v mod p}, without the division when v is already reduced: most sums and products of a lowered
     * layer are, and BigInteger.mod on every one was a quarter of the tests' interpreter time (issue #15).
     */
    private static BigInteger field(BigInteger v) {
        return v.signum() >= 0 && v.compareTo(ScalarType.FIELD_MODULUS) < 0 ? v : v.mod(ScalarType.FIELD_MODULUS);
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
            return c.type() == ScalarType.FIELD ? field(c.value()) : c.value();
        } else if (o instanceof Operand.Element e) {
            return ((List<Object>) regs.get(e.array().index())).get(e.index());
        }
        return regs.get(((Operand.Reg) o).index());
    }
}
