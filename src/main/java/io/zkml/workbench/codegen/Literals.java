package io.zkml.workbench.codegen;

import java.math.BigInteger;

/** Literal spelling shared by Aleo and Leo ({@code -5i32}, {@code 3u8}, {@code true}, field residues). */
final class Literals {

    private Literals() {
    }

    static String of(Operand.Const c) {
        return switch (c.type()) {
            case BOOLEAN -> c.value().signum() != 0 ? "true" : "false";
            // Canonical residue: snarkVM reads a field literal as a non-negative number below p.
            case FIELD -> c.value().mod(ScalarType.FIELD_MODULUS) + "field";
            default -> c.value() + c.type().aleo();
        };
    }

    static String index(int i) {
        return BigInteger.valueOf(i) + "u32";
    }
}
