package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ScalarType;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The shape of a snarkVM linear combination: which circuit variables it has a term for, and its
 * constant. Variables are numbered by the one {@link GadgetModel} walking a program (each gadget
 * allocates a run of them, e.g. the 64 bits a field-to-u64 cast witnesses). A constraint row holds
 * one linear combination per matrix, and snarkVM's converter writes one matrix entry per term plus
 * one for a non-zero constant (circuit/environment/src/helpers/converter.rs), so {@link #size()} is
 * what a row adds to A, B or C. Coefficients are not tracked: terms are assumed not to cancel, which
 * no lowered program relies on.
 *
 * <p>The terms are a sorted array of distinct variable numbers: a set union is a merge of primitive
 * arrays, where a map of per-atom bit sets allocated a node, a boxed key and a bit set per atom (half
 * of the cost model's time on fashion-cnn). A sum is kept as its two parts until its terms are asked
 * for: a layer's accumulator is a chain of thousands of additions of which only the last is ever
 * measured.
 */
final class Lc {

    static final BigInteger P = ScalarType.FIELD_MODULUS;
    private static final int[] NO_VARIABLES = new int[0];
    /** 2^0 .. 2^129, every bit weight of an integer up to 128 bits and a comparison's carry bit. */
    private static final List<BigInteger> POWERS_OF_TWO =
            IntStream.rangeClosed(0, 129).mapToObj(BigInteger.ONE::shiftLeft).toList();
    private static final int P_BITS = P.bitLength();
    static final Lc ZERO = new Lc(NO_VARIABLES, BigInteger.ZERO);
    static final Lc ONE = new Lc(NO_VARIABLES, BigInteger.ONE);

    /**
     * Sorted distinct variable numbers; null while this is a sum not yet merged from {@code left} and {@code right},
     * and for one variable ({@link #single}).
     */
    private int[] vars;
    private Lc left;
    private Lc right;
    /**
     * The one variable, when that is all the terms (else -1): a gadget witnesses a fresh variable per bit (64 for a
     * field-to-u64 cast), and an array of one per variable was a tenth of a chain search's allocation.
     */
    private final int single;
    private final BigInteger constant;

    private Lc(int[] vars, BigInteger constant) {
        this.vars = vars;
        this.single = -1;
        this.constant = reduce(constant);
    }

    private Lc(Lc left, Lc right, BigInteger constant) {
        this.left = left;
        this.right = right;
        this.single = -1;
        this.constant = reduce(constant);
    }

    private Lc(int single, BigInteger constant) {
        this.single = single;
        this.constant = reduce(constant);
    }

    /** Reducing only when needed: BigInteger.mod on every combination dominated large estimates. */
    private static BigInteger reduce(BigInteger c) {
        int sign = c.signum();
        if (sign == 0) {
            return BigInteger.ZERO; // every fresh variable's constant: no comparison with P
        }
        if (sign > 0 && c.bitLength() < P_BITS) {
            return c; // a small constant (most are): its cached bit length shows it is below P
        }
        if (sign < 0 && c.bitLength() < P_BITS) {
            // A small negative constant (a difference, a comparison's 2^n - b): -P < c < 0, so c mod P is
            // c + P. BigInteger.mod divided by P (Knuth's long division) instead: a tenth of a chain search.
            return c.add(P);
        }
        return sign > 0 && c.compareTo(P) < 0 ? c : c.mod(P);
    }

    static Lc constant(BigInteger c) {
        return new Lc(NO_VARIABLES, c);
    }

    static Lc constant(boolean bit) {
        return bit ? ONE : ZERO;
    }

    /** Variable number {@code v}, with coefficient one. */
    static Lc variable(int v) {
        return new Lc(v, BigInteger.ZERO);
    }

    /** {@code sum 2^i bits[i]}: an integer's value as a field element, built in one pass. */
    static Lc weightedBits(Lc[] bits) {
        BigInteger c = BigInteger.ZERO;
        int total = 0;
        for (int i = 0; i < bits.length; i++) {
            Lc b = bits[i];
            if (b.constant.signum() != 0) {
                c = c.add(b.constant.equals(BigInteger.ONE) ? powerOfTwo(i) : b.constant.shiftLeft(i));
            }
            total += b.count();
        }
        int[] all = new int[total];
        int k = 0;
        for (Lc b : bits) {
            k = b.copyTerms(all, k);
        }
        return new Lc(sortedDistinct(all), c);
    }

    /** {@code 2^i}, from the table when it holds it (a comparison builds one per instruction). */
    static BigInteger powerOfTwo(int i) {
        return i < POWERS_OF_TWO.size() ? POWERS_OF_TWO.get(i) : BigInteger.ONE.shiftLeft(i);
    }

    boolean isConstant() {
        return !hasTerms();
    }

    BigInteger constantValue() {
        return constant;
    }

    /** Matrix entries this linear combination takes in one constraint row. */
    long size() {
        return count() + (constant.signum() != 0 ? 1 : 0);
    }

    /**
     * Whether it has a term for some variable: a sum not yet merged has (both parts have), and the object stays at
     * 32 bytes without a field for it (a chain search makes millions).
     */
    private boolean hasTerms() {
        return single >= 0 || vars == null || vars.length > 0;
    }

    /** How many variables it has a term for. */
    private int count() {
        return single >= 0 ? 1 : vars().length;
    }

    /** Writes its variables into {@code to} from {@code at}; returns the index after them. */
    private int copyTerms(int[] to, int at) {
        if (single >= 0) {
            to[at] = single;
            return at + 1;
        }
        int[] v = vars();
        System.arraycopy(v, 0, to, at, v.length);
        return at + v.length;
    }

    /**
     * The size of {@code a + b} or {@code a - b} (whose constant is {@code c}) without building it:
     * the selects and xors of every bit ask for one.
     */
    static long sizeOf(Lc a, Lc b, BigInteger c) {
        long constant = reduce(c).signum() != 0 ? 1 : 0;
        if (a.single >= 0 || b.single >= 0) {
            Lc one = a.single >= 0 ? a : b;
            Lc other = one == a ? b : a;
            boolean shared = other.single >= 0 ? other.single == one.single
                    : other.hasTerms() && Arrays.binarySearch(other.vars(), one.single) >= 0;
            return 1 + other.count() - (shared ? 1 : 0) + constant;
        }
        int[] x = a.vars();
        int[] y = b.vars();
        return x.length + y.length - common(x, y) + constant;
    }

    /** The size this linear combination would have with constant {@code c} instead ({@code 1 - x}: c = 1 - constant). */
    long sizeWithConstant(BigInteger c) {
        return count() + (reduce(c).signum() != 0 ? 1 : 0);
    }

    Lc plus(Lc o) {
        return combine(o, constant.add(o.constant));
    }

    Lc minus(Lc o) {
        return combine(o, constant.subtract(o.constant));
    }

    /** A constant multiple: zero removes every term, as snarkVM's scaling by zero does. */
    Lc times(BigInteger k) {
        // k is 0 mod p only when it is 0, unless it is as long as p: no BigInteger.mod of every (mostly
        // negative) weight, which was most of the time an MLP's estimate spent on constants.
        if (k.signum() == 0 || k.bitLength() >= P_BITS && k.mod(P).signum() == 0) {
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

    /** The same terms with constant {@code c}: shares the terms array, as they cannot change. */
    private Lc withConstant(BigInteger c) {
        if (!hasTerms()) {
            return constant(c);
        }
        return single >= 0 ? new Lc(single, c) : vars != null ? new Lc(vars, c) : new Lc(this, ZERO, c);
    }

    private Lc combine(Lc o, BigInteger c) {
        if (!o.hasTerms()) {
            return withConstant(c);
        }
        if (!hasTerms()) {
            return o.withConstant(c);
        }
        return new Lc(this, o, c);
    }

    /**
     * The terms, merged from the parts of a sum on first use (iteratively: chains are long). The parts
     * are visited left to right, and variables are numbered in program order, so the concatenation of
     * an accumulator's parts is usually sorted already.
     */
    private int[] vars() {
        if (vars == null && single >= 0) {
            vars = new int[] {single};
        }
        if (vars == null) {
            Deque<Lc> todo = new ArrayDeque<>();
            Deque<int[]> parts = new ArrayDeque<>();
            int total = 0;
            todo.push(this);
            while (!todo.isEmpty()) {
                Lc l = todo.pop();
                if (l.single >= 0 && l.vars == null) {
                    parts.add(new int[] {l.single});
                    total++;
                } else if (l.vars != null) {
                    if (l.vars.length > 0) {
                        parts.add(l.vars);
                        total += l.vars.length;
                    }
                } else {
                    todo.push(l.right);
                    todo.push(l.left);
                }
            }
            if (parts.size() == 1) {
                vars = parts.getFirst();
            } else {
                int[] all = new int[total];
                int k = 0;
                for (int[] p : parts) {
                    System.arraycopy(p, 0, all, k, p.length);
                    k += p.length;
                }
                vars = sortedDistinct(all);
            }
            left = null;
            right = null;
        }
        return vars;
    }

    /** {@code a} as a set, sorted (in place, and returned as is when it is strictly ascending already). */
    private static int[] sortedDistinct(int[] a) {
        boolean ascending = true;
        for (int i = 1; i < a.length && ascending; i++) {
            ascending = a[i - 1] < a[i];
        }
        if (ascending) {
            return a;
        }
        Arrays.sort(a);
        int n = a.length == 0 ? 0 : 1;
        for (int i = 1; i < a.length; i++) {
            if (a[i] != a[n - 1]) {
                a[n++] = a[i];
            }
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    /** How many variables two sorted sets share. */
    private static int common(int[] x, int[] y) {
        if (x.length > y.length) {
            int[] t = x;
            x = y;
            y = t;
        }
        if (x.length == 0) {
            return 0;
        }
        int n = 0;
        if (x.length * 8 < y.length) {
            // A few variables against a long combination: look each up.
            for (int v : x) {
                if (Arrays.binarySearch(y, v) >= 0) {
                    n++;
                }
            }
            return n;
        }
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] < y[j]) {
                i++;
            } else if (x[i] > y[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }
}
