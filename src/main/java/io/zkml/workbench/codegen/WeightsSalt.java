package io.zkml.workbench.codegen;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The random 128-bit salt of a hiding weights commitment ({@link PackedWeights}). The owner keeps it
 * (in the project and the exported folder, never in a proof bundle) and hands it to an auditor, who
 * needs it with the model file to recompute the commitment. Written as 32 hex digits.
 */
public record WeightsSalt(BigInteger value) {

    public WeightsSalt {
        if (value == null || value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("a weights salt is a 128-bit unsigned number");
        }
    }

    public static WeightsSalt random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return new WeightsSalt(new BigInteger(1, b));
    }

    /** Parses 1 to 32 hex digits (an optional {@code 0x} prefix allowed). */
    public static WeightsSalt parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 32 || !t.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("a weights salt is 1 to 32 hex digits (128 bits), not '" + text + "'");
        }
        return new WeightsSalt(new BigInteger(t, 16));
    }

    public String hex() {
        return String.format("%032x", value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
