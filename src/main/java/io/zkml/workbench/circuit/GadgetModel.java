package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrAssertion;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ScalarType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices instructions the way snarkVM's circuit gadgets build them, from the shapes ({@link Lc})
 * of their operands. The non-zeros of a comparison, a select or a field-to-integer cast depend on
 * how many variables the operands' linear combinations hold and on a constant's bits, so a table
 * of per-instruction averages cannot be exact; these rules are (docs/ENCODING.md, "Exact cost").
 *
 * <p>The rules follow snarkVM's sources (circuit/types/boolean: and, or, xor, ternary;
 * circuit/types/integers: compare.rs, add_checked.rs, mul_checked.rs; Field::to_lower_bits_le) and reproduce every
 * measured probe they cover. One instance walks one program in order; instructions it has no rule
 * for return null from {@link #price} and are priced from the measured table, their results taken
 * as fresh variables.
 */
final class GadgetModel {

    static final int POSEIDON2_WIDTH = 3;

    /** The next variable number: each gadget takes a run of them, which only need to be distinct. */
    private int nextVariable;
    /** Each register's value by its index (registers are numbered densely in program order): a boxed map's lookups were a tenth of the model. */
    private Object[] registers = new Object[256];
    private final Map<Operand.Const, Lc[]> integerConstants = new HashMap<>();
    private long constraints;
    private long variables;
    private long nonZeroA;
    private long nonZeroB;
    private long nonZeroC;

    /**
     * An independent copy of this walk's state (the shapes of the registers defined so far): walking the
     * copy further prices the next instructions exactly as this model would. The registers' values are
     * shared, which is safe because no gadget writes into a value once it is defined.
     */
    GadgetModel copy() {
        GadgetModel c = new GadgetModel();
        c.nextVariable = nextVariable;
        c.registers = registers.clone();
        c.integerConstants.putAll(integerConstants);
        return c;
    }

    /** The analytic cost of {@code ins}, or null when the table prices it. Call in program order. */
    CircuitInfo price(Instruction ins) {
        return walk(ins) ? cost() : null;
    }

    /**
     * {@link #price} without a record per instruction (a fashion-cnn search prices millions): true when the cost is
     * analytic, and then {@link #addLastTo} adds it.
     */
    boolean walk(Instruction ins) {
        reset();
        Object result = null;
        if (ins instanceof Instruction.Ternary t) {
            result = ternary(t);
        } else if (ins instanceof Instruction.Binary b) {
            result = binary(b);
        } else if (ins instanceof Instruction.Cast c && !c.lossy()) {
            result = cast(c);
        } else if (ins instanceof Instruction.ArrayNew a) {
            Object[] elems = new Object[a.elements().size()];
            for (int i = 0; i < elems.length; i++) {
                elems[i] = value(a.elements().get(i));
            }
            result = elems;
        }
        if (result == null) {
            // Priced by the table. A Poseidon hash's output is the first state element after the last
            // round's MDS mix, a linear combination of the width-3 state (hash.psd2: rate 2 + capacity 1).
            define(ins.dst().index(), ins instanceof Instruction.Hash h ? freshVariables(h.stateWidth())
                    : fresh(ins.dst().type()));
            return false;
        }
        define(ins.dst().index(), result);
        return true;
    }

    /** The last instruction {@link #walk} priced analytically, as sums: {@code {constraints, variables, A, B, C}}. */
    void addLastTo(long[] sums) {
        sums[0] += constraints;
        sums[1] += variables;
        sums[2] += nonZeroA;
        sums[3] += nonZeroB;
        sums[4] += nonZeroC;
    }

    /**
     * {@code assert.eq a b} on fields: snarkVM computes {@code a == b} (Field::is_not_equal: witness
     * an inverse m and the flag o, {@code d * m = o} and {@code d * (1 - o) = 0} for d = a - b) and
     * asserts the negated flag (measured on a hash against a constant: 3 constraints, 2 variables,
     * 10 / 4 / 2 non-zeros). Null for other types, which the lowering never asserts.
     */
    CircuitInfo assertion(IrAssertion as) {
        if (as.a().type() != ScalarType.FIELD) {
            return null;
        }
        reset();
        Lc d = field(as.a()).minus(field(as.b()));
        if (!d.isConstant()) {
            Lc flag = freshVariable();
            row(d.size(), 1, 1);
            row(d.size(), flag.oneMinus().size(), 0);
            row(flag.oneMinus().size(), 1, 1);
            variables += 2;
        }
        return cost();
    }

    /** Distinct variables of a value packed into field elements, as an output commitment reads it. */
    long variableTerms(Operand o) {
        Lc all = Lc.weightedBits(flatten(value(o)).toArray(new Lc[0]));
        return all.minus(Lc.constant(all.constantValue())).size();
    }

    private static List<Lc> flatten(Object v) {
        List<Lc> out = new ArrayList<>();
        flattenInto(v, out);
        return out;
    }

    /** Into one list: a list per element of a hand-off's arrays (thousands) was most of what pricing it allocated. */
    private static void flattenInto(Object v, List<Lc> out) {
        if (v instanceof Lc l) {
            out.add(l);
        } else if (v instanceof Lc[] bits) {
            out.addAll(Arrays.asList(bits));
        } else {
            for (Object e : (Object[]) v) {
                flattenInto(e, out);
            }
        }
    }

    // ---- instructions ------------------------------------------------------------------------

    private Object ternary(Instruction.Ternary t) {
        Lc cond = (Lc) value(t.condition());
        Object x = value(t.ifTrue());
        Object y = value(t.ifFalse());
        if (x instanceof Lc[] xb) {
            return select(cond, xb, (Lc[]) y);
        }
        ScalarType type = (ScalarType) t.ifTrue().type();
        if (type == ScalarType.BOOLEAN) {
            return boolTernary(cond, cond.oneMinus(), (Lc) x, (Lc) y);
        }
        if (type != ScalarType.FIELD) {
            return null;
        }
        Lc a = (Lc) x;
        Lc b = (Lc) y;
        if (cond.isConstant()) {
            return cond.bit() ? a : b;
        }
        if (a.isConstant() && b.isConstant()) {
            // condition * (a - b) + b is linear: no constraint (Field::ternary with constant branches).
            return cond.times(a.constantValue().subtract(b.constantValue())).plus(b);
        }
        // (a - b) * condition = out - b: the field select puts the difference in A, unlike the boolean
        // one (measured: the other order is off by exactly the swapped entries).
        Lc out = freshVariable();
        row(Lc.sizeOf(a, b, a.constantValue().subtract(b.constantValue())), cond.size(), b.size() + 1);
        variables++;
        return out;
    }

    private Object binary(Instruction.Binary b) {
        ScalarType type = (ScalarType) b.a().type();
        Object x = value(b.a());
        Object y = value(b.b());
        if (type == ScalarType.FIELD) {
            Lc l = (Lc) x;
            Lc r = (Lc) y;
            return switch (b.op()) {
                case ADD -> l.plus(r);
                case SUB -> l.minus(r);
                case MUL -> fieldMul(l, r);
                default -> null;
            };
        }
        if (!type.isInteger()) {
            return null;
        }
        Lc[] l = (Lc[]) x;
        return switch (b.op()) {
            case XOR -> y instanceof Lc[] r && allConstant(r) ? xorConstant(l, r) : null;
            case AND -> y instanceof Lc[] r && allConstant(r) ? andConstant(l, r) : null;
            case SHR -> b.b() instanceof Operand.Const k ? shr(l, k.value().intValueExact(), type.signed()) : null;
            case LT -> lessThan(l, (Lc[]) y, type.signed());
            case GTE -> lessThan(l, (Lc[]) y, type.signed()).oneMinus();
            case ADD -> type.signed() ? addSigned(l, (Lc[]) y) : null;
            case MUL -> type.signed() && l.length <= 64 && !(allConstant(l) && allConstant((Lc[]) y))
                    ? mulSigned(l, (Lc[]) y) : null;
            case SUB -> !type.signed() && b.b().isConstant() ? subUnsigned(l, (Lc[]) y) : null;
            default -> null;
        };
    }

    private Object cast(Instruction.Cast c) {
        ScalarType from = (ScalarType) c.src().type();
        ScalarType to = (ScalarType) c.dst().type();
        Object src = value(c.src());
        if (to == ScalarType.FIELD && from.isInteger()) {
            return toField((Lc[]) src);
        }
        if (from == ScalarType.FIELD && to.isInteger() && !to.signed()) {
            // Checked: witness the bits and equate their weighted sum with the field element.
            return toLowerBits((Lc) src, to.bits());
        }
        if (from.isInteger() && to.isInteger()) {
            return castInteger((Lc[]) src, from, to);
        }
        return null;
    }

    // ---- integer gadgets ---------------------------------------------------------------------

    /** Integer::is_less_than (circuit/types/integers/src/compare.rs). */
    private Lc lessThan(Lc[] a, Lc[] b, boolean signed) {
        int n = a.length;
        // 2^n + a - b: (I::MAX + 1) unsigned, (-1 as bits) + 1 signed; the top bit of n + 1 says a >= b.
        Lc sum = Lc.constant(Lc.powerOfTwo(n)).plus(toField(a)).minus(toField(b));
        Lc top = topLowerBit(sum, n + 1);
        if (!signed) {
            return top.oneMinus();
        }
        Lc msbA = a[n - 1];
        Lc msbB = b[n - 1];
        Lc sameSign = xor(msbA, msbB).oneMinus();
        Lc aNegativeBPositive = and(msbA, msbB.oneMinus());
        return boolTernary(sameSign, sameSign.oneMinus(), top.oneMinus(), aNegativeBPositive);
    }

    /** Signed checked addition (add_checked.rs): field sum, n + 1 bits, an overflow assertion. */
    private Lc[] addSigned(Lc[] a, Lc[] b) {
        int n = a.length;
        Lc[] bits = toLowerBits(toField(a).plus(toField(b)), n + 1);
        Lc[] sum = Arrays.copyOf(bits, n);
        Lc sameSign = xor(a[n - 1], b[n - 1]).oneMinus();
        Lc overflow = and(sameSign, xor(sum[n - 1], a[n - 1]));
        assertEqual(overflow, Lc.ZERO);
        return sum;
    }

    /**
     * Signed checked multiplication of integers of at most 64 bits (mul_checked.rs, mul_and_check case 1):
     * the absolute values' product is witnessed and checked in the field, overflow is asserted from the
     * operands' sign bits, and the product or its negation is selected by whether the signs agree. The
     * sign test {@code is_equal(msb_a, msb_b)} is {@code !(msb_a ^ msb_b)}: against a constant it is
     * {@code 1 - msb} for a non-negative constant but {@code msb} itself for a negative one (the two
     * negations cancel), and it is the condition, in A, of each of the n bit selects, so multiplying by a
     * negative constant has n fewer non-zeros in A (measured on i16: 16; seed 279's seven negative weights:
     * 112). Constant zero bits of the constant change nothing: it enters the product row as one constant.
     */
    private Lc[] mulSigned(Lc[] a, Lc[] b) {
        int n = a.length;
        Lc[] absA = abs(a);
        Lc[] absB = abs(b);
        Lc[] product = witnessInteger(n);
        row(toField(absA).size(), toField(absB).size(), toField(product).size());
        Lc msb = product[n - 1];
        Lc sameSign = xor(a[n - 1], b[n - 1]).oneMinus();
        assertEqual(and(sameSign, msb), Lc.ZERO); // a positive product stays below 2^(n-1)
        Lc lowerNonzero = Lc.ZERO;
        for (int i = 0; i < n - 1; i++) {
            lowerNonzero = or(lowerNonzero, product[i]);
        }
        Lc withinMin = or(msb.oneMinus(), and(msb, lowerNonzero.oneMinus()));
        assertEqual(and(sameSign.oneMinus(), withinMin.oneMinus()), Lc.ZERO); // a negative one reaches -2^(n-1) at most
        Lc[] negated = negate(product);
        return select(sameSign, product, negated);
    }

    /** Integer::abs_wrapped: the negation is built (and constrained) before the sign bit selects. */
    private Lc[] abs(Lc[] x) {
        if (allConstant(x)) {
            return x[x.length - 1].bit() ? constantBits(Lc.powerOfTwo(x.length).subtract(bitsValue(x)), x.length) : x;
        }
        Lc[] negated = negate(x);
        return select(x[x.length - 1], negated, x);
    }

    /** Integer::sub_wrapped(0, x): the bits of {@code !x + 1}, with a carry bit dropped. */
    private Lc[] negate(Lc[] x) {
        Lc[] not = new Lc[x.length];
        for (int i = 0; i < x.length; i++) {
            not[i] = x[i].oneMinus();
        }
        return Arrays.copyOf(toLowerBits(toField(not).plus(Lc.ONE), x.length + 1), x.length);
    }

    /** Integer::ternary: one boolean select per bit, or none for a constant condition. */
    private Lc[] select(Lc cond, Lc[] x, Lc[] y) {
        Lc[] out = new Lc[x.length];
        Lc notCond = cond.oneMinus(); // shared by every bit's select
        for (int i = 0; i < out.length; i++) {
            out[i] = boolTernary(cond, notCond, x[i], y[i]);
        }
        return out;
    }

    /** A witnessed integer (Integer::new): each bit a private variable, {@code (1 - b) * b = 0}. */
    private Lc[] witnessInteger(int n) {
        Lc[] bits = new Lc[n];
        for (int i = 0; i < n; i++) {
            bits[i] = freshVariable();
            row(bits[i].oneMinus().size(), 1, 0);
        }
        variables += n;
        return bits;
    }

    /**
     * Unsigned checked subtraction of a constant: the bits of {@code 2^n + a - b} and an assertion
     * that the borrow bit is set (measured: 67 constraints, 196 / 67 / 66 non-zeros for 64 variable bits).
     */
    private Lc[] subUnsigned(Lc[] a, Lc[] b) {
        int n = a.length;
        Lc[] bits = toLowerBits(Lc.constant(Lc.powerOfTwo(n)).plus(toField(a)).minus(toField(b)), n + 1);
        assertEqual(bits[n], Lc.ONE);
        return Arrays.copyOf(bits, n);
    }

    private Lc[] castInteger(Lc[] src, ScalarType from, ScalarType to) {
        int m = to.bits();
        Lc[] out = new Lc[m];
        for (int i = 0; i < m; i++) {
            out[i] = i < src.length ? src[i] : from.signed() ? src[src.length - 1] : Lc.ZERO;
        }
        if (m > src.length && !(from.signed() && !to.signed())) {
            return out; // widening: sign or zero extension only rewires bits
        }
        if (from.signed() && to.signed()) {
            // Narrowing: every dropped bit must equal the new sign bit.
            for (int i = m; i < src.length; i++) {
                assertEqual(src[i], src[m - 1]);
            }
            return out;
        }
        if (!from.signed()) {
            // Every bit the target cannot hold (for a signed target, its sign bit too) must be zero:
            // one row, their sum times one is zero (measured: u64 to i32 of a value with 64 variable
            // bits, 1 constraint and 33 / 1 / 0 non-zeros per cast).
            Lc dropped = Lc.ZERO;
            for (int i = to.signed() ? m - 1 : m; i < src.length; i++) {
                dropped = dropped.plus(src[i]);
            }
            if (!dropped.isConstant()) {
                row(dropped.size(), 1, 0);
            }
            return out;
        }
        return null;
    }

    private static Lc[] xorConstant(Lc[] a, Lc[] k) {
        Lc[] out = new Lc[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = k[i].bit() ? a[i].oneMinus() : a[i];
        }
        return out;
    }

    /** And with a constant: each bit is kept or replaced by a constant zero; no constraint. */
    private static Lc[] andConstant(Lc[] a, Lc[] k) {
        Lc[] out = new Lc[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = k[i].bit() ? a[i] : Lc.ZERO;
        }
        return out;
    }

    private static Lc[] shr(Lc[] a, int k, boolean signed) {
        Lc[] out = new Lc[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = i + k < a.length ? a[i + k] : signed ? a[a.length - 1] : Lc.ZERO;
        }
        return out;
    }

    private static Lc toField(Lc[] bits) {
        return Lc.weightedBits(bits);
    }

    // ---- field and boolean gadgets -----------------------------------------------------------

    private Lc fieldMul(Lc a, Lc b) {
        if (a.isConstant()) {
            return b.times(a.constantValue());
        }
        if (b.isConstant()) {
            return a.times(b.constantValue());
        }
        Lc out = freshVariable();
        row(a.size(), b.size(), 1);
        variables++;
        return out;
    }

    /**
     * Field::to_lower_bits_le: n witnessed bits, each constrained {@code b * b = b}, and
     * {@code (sum 2^i b_i - value) * 1 = 0}. Measured on the field-to-u64 cast: 65 constraints,
     * 64 variables, A = 128 + terms of the value, B = 65, C = 64.
     */
    private Lc[] toLowerBits(Lc value, int n) {
        int first = witnessLowerBits(value, n);
        Lc[] bits = new Lc[n];
        for (int i = 0; i < n; i++) {
            bits[i] = Lc.variable(first + i);
        }
        return bits;
    }

    /**
     * The top bit of {@link #toLowerBits}{@code (value, n)}, with the same rows and variables: a comparison
     * reads no other, and making the n - 1 below it was the most a chain search allocated.
     */
    private Lc topLowerBit(Lc value, int n) {
        return Lc.variable(witnessLowerBits(value, n) + n - 1);
    }

    /** The rows and variables of Field::to_lower_bits_le(value, n); returns the number of its first bit's variable. */
    private int witnessLowerBits(Lc value, int n) {
        int first = nextVariable;
        for (int i = 0; i < n; i++) {
            row(1, 1, 1);
        }
        nextVariable += n;
        variables += n;
        row(n + value.size(), 1, 0);
        return first;
    }

    private Lc and(Lc x, Lc y) {
        if (x.isConstant()) {
            return x.bit() ? y : x;
        }
        if (y.isConstant()) {
            return y.bit() ? x : y;
        }
        Lc out = freshVariable();
        row(x.size(), y.size(), 1);
        variables++;
        return out;
    }

    /** (1 - x) * (1 - y) = 1 - out. */
    private Lc or(Lc x, Lc y) {
        if (x.isConstant()) {
            return x.bit() ? x : y;
        }
        if (y.isConstant()) {
            return y.bit() ? y : x;
        }
        Lc out = freshVariable();
        row(x.sizeWithConstant(BigInteger.ONE.subtract(x.constantValue())),
                y.sizeWithConstant(BigInteger.ONE.subtract(y.constantValue())), 2);
        variables++;
        return out;
    }

    /** (2x) * y = x + y - out. */
    private Lc xor(Lc x, Lc y) {
        if (x.isConstant()) {
            return x.bit() ? y.oneMinus() : y;
        }
        if (y.isConstant()) {
            return y.bit() ? x.oneMinus() : x;
        }
        Lc out = freshVariable();
        row(x.size(), y.size(), Lc.sizeOf(x, y, x.constantValue().add(y.constantValue())) + 1);
        variables++;
        return out;
    }

    /** Boolean::ternary: constant branches turn into an AND or an OR; otherwise c * (a - b) = out - b. */
    private Lc boolTernary(Lc c, Lc notC, Lc a, Lc b) {
        if (c.isConstant()) {
            return c.bit() ? a : b;
        }
        if (a.isConstant()) {
            return a.bit() ? or(c, b) : and(notC, b);
        }
        if (b.isConstant()) {
            return b.bit() ? or(notC, a) : and(c, a);
        }
        Lc out = freshVariable();
        row(c.size(), Lc.sizeOf(a, b, a.constantValue().subtract(b.constantValue())), b.size() + 1);
        variables++;
        return out;
    }

    /** E::assert_eq: a * 1 = b. Two constants need no row. */
    private void assertEqual(Lc a, Lc b) {
        if (a.isConstant() && b.isConstant()) {
            return;
        }
        row(a.size(), 1, b.size());
    }

    // ---- values --------------------------------------------------------------------------------

    private Object value(Operand o) {
        if (o instanceof Operand.Const k) {
            return constant(k);
        }
        if (o instanceof Operand.Element e) {
            return ((Object[]) value(e.array()))[e.index()];
        }
        Operand.Reg r = (Operand.Reg) o;
        Object v = r.index() < registers.length ? registers[r.index()] : null;
        if (v == null) {
            v = fresh(r.type());
            define(r.index(), v);
        }
        return v;
    }

    private void define(int register, Object value) {
        if (register >= registers.length) {
            registers = Arrays.copyOf(registers, Math.max(register + 1, registers.length * 2));
        }
        registers[register] = value;
    }

    private Lc field(Operand o) {
        Object v = value(o);
        return v instanceof Lc[] bits ? toField(bits) : (Lc) v;
    }

    private Object constant(Operand.Const k) {
        ScalarType t = k.type();
        if (t == ScalarType.FIELD) {
            return Lc.constant(k.value());
        }
        if (t == ScalarType.BOOLEAN) {
            return Lc.constant(k.value().signum() != 0);
        }
        // An integer constant's bits, once per constant: a layer reads the same few (clamp bounds,
        // offsets) thousands of times. Shared safely: no gadget writes into an operand's bits.
        return integerConstants.computeIfAbsent(k, GadgetModel::constantBits);
    }

    private static Lc[] constantBits(Operand.Const k) {
        ScalarType t = k.type();
        return constantBits(k.value().signum() < 0 ? k.value().add(Lc.powerOfTwo(t.bits())) : k.value(), t.bits());
    }

    private static Lc[] constantBits(BigInteger bits, int n) {
        Lc[] out = new Lc[n];
        for (int i = 0; i < out.length; i++) {
            out[i] = Lc.constant(bits.testBit(i));
        }
        return out;
    }

    /** The unsigned value of constant bits. */
    private static BigInteger bitsValue(Lc[] bits) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i].bit()) {
                v = v.setBit(i);
            }
        }
        return v;
    }

    private static boolean allConstant(Lc[] bits) {
        for (Lc b : bits) {
            if (!b.isConstant()) {
                return false;
            }
        }
        return true;
    }

    /** Fresh private variables for a value of type {@code t}. */
    private Object fresh(IrType t) {
        if (t instanceof ArrayType a) {
            Object[] elems = new Object[a.length()];
            for (int i = 0; i < elems.length; i++) {
                elems[i] = fresh(a.element());
            }
            return elems;
        }
        ScalarType s = (ScalarType) t;
        if (!s.isInteger()) {
            return freshVariable();
        }
        Lc[] bits = new Lc[s.bits()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Lc.variable(nextVariable++);
        }
        return bits;
    }

    private Lc freshVariable() {
        return Lc.variable(nextVariable++);
    }

    private Lc freshVariables(int n) {
        Lc sum = Lc.ZERO;
        for (int i = 0; i < n; i++) {
            sum = sum.plus(Lc.variable(nextVariable++));
        }
        return sum;
    }

    private void row(long a, long b, long c) {
        constraints++;
        nonZeroA += a;
        nonZeroB += b;
        nonZeroC += c;
    }

    private void reset() {
        constraints = 0;
        variables = 0;
        nonZeroA = 0;
        nonZeroB = 0;
        nonZeroC = 0;
    }

    private CircuitInfo cost() {
        return new CircuitInfo(constraints, variables, nonZeroA, nonZeroB, nonZeroC);
    }
}
