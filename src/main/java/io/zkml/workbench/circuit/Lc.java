package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ScalarType;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The shape of a snarkVM linear combination: which circuit variables it has a term for, and its
 * constant. A variable is a bit of an "atom" (a group of variables one gadget allocated, e.g. the
 * 64 bits a field-to-u64 cast witnesses). A constraint row holds one linear combination per matrix,
 * and snarkVM's converter writes one matrix entry per term plus one for a non-zero constant
 * (circuit/environment/src/helpers/converter.rs), so {@link #size()} is what a row adds to A, B or C.
 * Coefficients are not tracked: terms are assumed not to cancel, which no lowered program relies on.
 *
 * <p>A sum is kept as its two parts until its terms are asked for: a layer's accumulator is a chain
 * of thousands of additions of which only the last is ever measured.
 */
final class Lc {

    static final BigInteger P = ScalarType.FIELD_MODULUS;
    static final Lc ZERO = new Lc(Map.of(), BigInteger.ZERO);
    static final Lc ONE = new Lc(Map.of(), BigInteger.ONE);

    private Map<Integer, BitSet> terms;
    private Lc left;
    private Lc right;
    private final boolean hasTerms;
    private final BigInteger constant;
    private long size = -1;

    private Lc(Map<Integer, BitSet> terms, BigInteger constant) {
        this.terms = terms;
        this.hasTerms = !terms.isEmpty();
        this.constant = reduce(constant);
    }

    private Lc(Lc left, Lc right, BigInteger constant) {
        this.left = left;
        this.right = right;
        this.hasTerms = true;
        this.constant = reduce(constant);
    }

    /** Reducing only when needed: BigInteger.mod on every combination dominated large estimates. */
    private static BigInteger reduce(BigInteger c) {
        return c.signum() >= 0 && c.compareTo(P) < 0 ? c : c.mod(P);
    }

    static Lc constant(BigInteger c) {
        return new Lc(Map.of(), c);
    }

    static Lc constant(boolean bit) {
        return bit ? ONE : ZERO;
    }

    /** Variable {@code bit} of {@code atom}, with coefficient one. */
    static Lc variable(int atom, int bit) {
        BitSet b = new BitSet();
        b.set(bit);
        return new Lc(Map.of(atom, b), BigInteger.ZERO);
    }

    /** {@code sum 2^i bits[i]}: an integer's value as a field element, built in one pass. */
    static Lc weightedBits(Lc[] bits) {
        Map<Integer, BitSet> m = new HashMap<>();
        BigInteger c = BigInteger.ZERO;
        for (int i = 0; i < bits.length; i++) {
            Lc b = bits[i];
            if (b.constant.signum() != 0) {
                c = c.add(b.constant.shiftLeft(i));
            }
            merge(m, b.terms());
        }
        return new Lc(m, c);
    }

    boolean isConstant() {
        return !hasTerms;
    }

    BigInteger constantValue() {
        return constant;
    }

    /** Matrix entries this linear combination takes in one constraint row. */
    long size() {
        return variableCount() + (constant.signum() != 0 ? 1 : 0);
    }

    /**
     * The size of {@code a + b} or {@code a - b} (whose constant is {@code c}) without building it:
     * the selects and xors of every bit ask for one.
     */
    static long sizeOf(Lc a, Lc b, BigInteger c) {
        long n = a.variableCount() + b.variableCount();
        Map<Integer, BitSet> small = a.terms().size() <= b.terms().size() ? a.terms() : b.terms();
        Map<Integer, BitSet> large = small == a.terms() ? b.terms() : a.terms();
        for (Map.Entry<Integer, BitSet> e : small.entrySet()) {
            BitSet other = large.get(e.getKey());
            if (other != null) {
                BitSet mine = e.getValue();
                for (int i = mine.nextSetBit(0); i >= 0; i = mine.nextSetBit(i + 1)) {
                    if (other.get(i)) {
                        n--;
                    }
                }
            }
        }
        return n + (reduce(c).signum() != 0 ? 1 : 0);
    }

    /** The size this linear combination would have with constant {@code c} instead ({@code 1 - x}: c = 1 - constant). */
    long sizeWithConstant(BigInteger c) {
        return variableCount() + (reduce(c).signum() != 0 ? 1 : 0);
    }

    private long variableCount() {
        if (size < 0) {
            long n = 0;
            for (BitSet b : terms().values()) {
                n += b.cardinality();
            }
            size = n;
        }
        return size;
    }

    Lc plus(Lc o) {
        return combine(o, constant.add(o.constant));
    }

    Lc minus(Lc o) {
        return combine(o, constant.subtract(o.constant));
    }

    /** A constant multiple: zero removes every term, as snarkVM's scaling by zero does. */
    Lc times(BigInteger k) {
        if (k.mod(P).signum() == 0) {
            return ZERO;
        }
        return withConstant(constant.multiply(k));
    }

    /** {@code 1 - this}: a boolean's negation, free in the circuit. */
    Lc oneMinus() {
        return withConstant(BigInteger.ONE.subtract(constant));
    }

    /** The constant value of a constant boolean. */
    boolean bit() {
        return constant.signum() != 0;
    }

    private Lc withConstant(BigInteger c) {
        return hasTerms ? new Lc(this, ZERO, c) : constant(c);
    }

    private Lc combine(Lc o, BigInteger c) {
        if (!o.hasTerms) {
            return hasTerms ? new Lc(this, ZERO, c) : constant(c);
        }
        if (!hasTerms) {
            return new Lc(o, ZERO, c);
        }
        return new Lc(this, o, c);
    }

    /** The terms, merged from the parts of a sum on first use (iteratively: chains are long). */
    private Map<Integer, BitSet> terms() {
        if (terms == null) {
            Map<Integer, BitSet> m = new HashMap<>();
            Deque<Lc> todo = new ArrayDeque<>();
            todo.push(this);
            while (!todo.isEmpty()) {
                Lc l = todo.pop();
                if (l.terms != null) {
                    merge(m, l.terms);
                } else {
                    todo.push(l.left);
                    todo.push(l.right);
                }
            }
            terms = m;
            left = null;
            right = null;
        }
        return terms;
    }

    private static void merge(Map<Integer, BitSet> into, Map<Integer, BitSet> from) {
        for (Map.Entry<Integer, BitSet> e : from.entrySet()) {
            BitSet u = into.get(e.getKey());
            if (u == null) {
                into.put(e.getKey(), (BitSet) e.getValue().clone());
            } else {
                u.or(e.getValue());
            }
        }
    }
}
