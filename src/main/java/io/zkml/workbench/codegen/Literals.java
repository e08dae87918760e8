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

    static String index(int i) {
        return i + "u32";
    }

    /** A BigInteger in decimal; through a long when it fits one (BigInteger's own conversion divides). */
    private static String decimal(BigInteger v) {
        return v.bitLength() < 64 ? Long.toString(v.longValue()) : v.toString();
    }
}
