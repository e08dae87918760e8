package io.zkml.workbench.codegen;

import java.math.BigInteger;

/** Literal spelling shared by Aleo and Leo ({@code -5i32}, {@code 3u8}, {@code true}, field residues). */
final class Literals {

    private Literals() {
    }

    static String of(Operand.Const c) {
        return switch (c.type()) {
            case BOOLEAN -> c.value().signum() != 0 ? "true" : "false";
            case FIELD -> field(c.value());
            default -> decimal(c.value()) + c.type().aleo();
        };
    }

    /**
     * A field constant as the shorter of its residue and its negation: snarkVM (and Leo's unary minus)
     * read {@code -3field} as p - 3, the same constant in the circuit, and negative weights printed as
     * 77-digit residues made up most of a large program's text (MAX_PROGRAM_SIZE).
     */
    static String field(BigInteger value) {
        if (value.bitLength() < 63) {
            // |value| < 2^63, far below p / 2: the shorter spelling is the value itself, signed
            // (a weight's constant; BigInteger's mod and decimal conversion were a tenth of printing).
            return value.longValue() + "field";
        }
        BigInteger residue = value.mod(ScalarType.FIELD_MODULUS);
        BigInteger negated = ScalarType.FIELD_MODULUS.subtract(residue);
        return (negated.compareTo(residue) < 0 ? "-" + negated : residue.toString()) + "field";
    }

    /**
     * An operand as both languages spell it, its register named by {@code reg} (the printers name a
     * register by where it lives: its own name, a closure's container, an element of one).
     */
    static String operand(Operand o, java.util.function.Function<Operand.Reg, String> reg) {
        if (o instanceof Operand.Reg r) {
            return reg.apply(r);
        } else if (o instanceof Operand.Element e) {
            return reg.apply(e.array()) + "[" + index(e.index()) + "]";
        }
        return of((Operand.Const) o);
    }

    /** The length of {@link #of}'s spelling, counted without making it where the value fits a long. */
    static int length(Operand.Const c) {
        BigInteger v = c.value();
        return switch (c.type()) {
            case BOOLEAN -> v.signum() != 0 ? 4 : 5;
            case FIELD -> v.bitLength() < 63 ? digits(v.longValue()) + 5 : of(c).length();
            default -> v.bitLength() < 64 ? digits(v.longValue()) + c.type().aleo().length() : of(c).length();
        };
    }

    /**
     * How many characters longer snarkVM prints {@link #of}'s spelling back than it is written: a negative field
     * literal {@code -Nfield} as its residue p - N ({@link AleoPrinter#snarkVmLength}), nothing else.
     */
    static long residueExcess(Operand.Const c) {
        if (c.type() != ScalarType.FIELD || c.value().signum() >= 0 && c.value().bitLength() < 63) {
            return 0;
        }
        if (c.value().bitLength() < 63) {
            // -N with N below 2^63: p - N has as many digits as p - 2^63 and p (SMALL_RESIDUE_DIGITS).
            return SMALL_RESIDUE_DIGITS > 0 ? SMALL_RESIDUE_DIGITS - digits(c.value().longValue()) : slowExcess(c);
        }
        return slowExcess(c);
    }

    /** {@link #residueExcess} by measuring the spelling as snarkVM would, after a space as an operand is. */
    private static long slowExcess(Operand.Const c) {
        String s = of(c);
        return AleoPrinter.snarkVmLength(" " + s) - (s.length() + 1);
    }

    /**
     * The digits of p - N for every N from 1 to 2^63 when p - 2^63 has as many as p - 1 (the residues between them
     * then have that many too), else 0 (not so: each is measured).
     */
    private static final int SMALL_RESIDUE_DIGITS = smallResidueDigits();

    private static int smallResidueDigits() {
        BigInteger p = ScalarType.FIELD_MODULUS;
        int low = p.subtract(BigInteger.ONE.shiftLeft(63)).toString().length();
        return low == p.subtract(BigInteger.ONE).toString().length() ? low : 0;
    }

    /** The length of {@code v} in decimal, its minus sign included. */
    static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        long a = Math.abs(v);
        int n = 1;
        // Compared with powers of ten, not divided by ten (a long division per digit, a fortieth of a recompile).
        for (long power = 10; n < 19 && a >= power; power *= 10) {
            n++;
        }
        return v < 0 ? n + 1 : n;
    }

    static String index(int i) {
        return i + "u32";
    }

    /** A BigInteger in decimal; through a long when it fits one (BigInteger's own conversion divides). */
    private static String decimal(BigInteger v) {
        return v.bitLength() < 64 ? Long.toString(v.longValue()) : v.toString();
    }
}
