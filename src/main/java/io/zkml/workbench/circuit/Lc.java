package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ScalarType;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The shape of a snarkVM linear combination: which circuit variables it has a term for, and its
 * constant. A variable is a bit of an "atom" (a group of variables one gadget allocated, e.g. the
 * 64 bits a field-to-u64 cast witnesses). A constraint row holds one linear combination per matrix,
 * and snarkVM's converter writes one matrix entry per term plus one for a non-zero constant
 * (circuit/environment/src/helpers/converter.rs), so {@link #size()} is what a row adds to A, B or C.
 * Coefficients are not tracked: terms are assumed not to cancel, which no lowered program relies on.
 */
final class Lc {

    static final BigInteger P = ScalarType.FIELD_MODULUS;
    static final Lc ZERO = new Lc(Map.of(), BigInteger.ZERO);
    static final Lc ONE = new Lc(Map.of(), BigInteger.ONE);

    private final Map<Integer, BitSet> terms;
    private final BigInteger constant;

    private Lc(Map<Integer, BitSet> terms, BigInteger constant) {
        this.terms = terms;
        this.constant = constant.mod(P);
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

    boolean isConstant() {
        return terms.isEmpty();
    }

    BigInteger constantValue() {
        return constant;
    }

    /** Matrix entries this linear combination takes in one constraint row. */
    long size() {
        long n = constant.signum() != 0 ? 1 : 0;
        for (BitSet b : terms.values()) {
            n += b.cardinality();
        }
        return n;
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
        return new Lc(terms, constant.multiply(k));
    }

    /** {@code 1 - this}: a boolean's negation, free in the circuit. */
    Lc oneMinus() {
        return new Lc(terms, BigInteger.ONE.subtract(constant));
    }

    /** The constant value of a constant boolean. */
    boolean bit() {
        return constant.signum() != 0;
    }

    private Lc combine(Lc o, BigInteger c) {
        if (o.terms.isEmpty()) {
            return new Lc(terms, c);
        }
        if (terms.isEmpty()) {
            return new Lc(o.terms, c);
        }
        Map<Integer, BitSet> m = new HashMap<>(terms);
        for (Map.Entry<Integer, BitSet> e : o.terms.entrySet()) {
            m.merge(e.getKey(), e.getValue(), (x, y) -> {
                BitSet u = (BitSet) x.clone();
                u.or(y);
                return u;
            });
        }
        return new Lc(m, c);
    }
}
