package io.zkml.workbench.codegen;

import java.math.BigInteger;

/** Aleo literal types the generator uses. Integer bounds are the checked ranges snarkVM enforces. */
public enum ScalarType implements IrType {
    BOOLEAN(1, false), FIELD(253, false),
    I8(8, true), I16(16, true), I32(32, true), I64(64, true), I128(128, true),
    U8(8, false), U16(16, false), U32(32, false), U64(64, false), U128(128, false);

    /** The base field modulus of Aleo (BLS12-377 scalar field): a field constant is a residue modulo this. */
    public static final BigInteger FIELD_MODULUS = new BigInteger(
            "8444461749428370424248824938781546531375899335154063827935233455917409239041");

    private final int bits;
    private final boolean signed;
    /**
     * The Aleo spelling, made once: every printed constant and cast spells its type, and lower-casing the
     * name each time was a twentieth of measuring a chain candidate's text.
     */
    private final String aleo;
    /** An integer type's bounds, made once (the lowering asks for them per value); null for boolean and field. */
    private final BigInteger min;
    private final BigInteger max;

    ScalarType(int bits, boolean signed) {
        this.bits = bits;
        this.signed = signed;
        this.aleo = name().toLowerCase();
        boolean integer = !name().equals("BOOLEAN") && !name().equals("FIELD");
        this.min = !integer ? null : signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        this.max = !integer ? null
                : (signed ? BigInteger.ONE.shiftLeft(bits - 1) : BigInteger.ONE.shiftLeft(bits)).subtract(BigInteger.ONE);
    }

    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public boolean isInteger() {
        return this != BOOLEAN && this != FIELD;
    }

    public BigInteger min() {
        requireInteger();
        return min;
    }

    public BigInteger max() {
        requireInteger();
        return max;
    }

    public boolean fits(BigInteger v) {
        return !isInteger() || (v.compareTo(min()) >= 0 && v.compareTo(max()) <= 0);
    }

    /** The smallest signed integer type holding every value in [lo, hi], or null when none up to i128 does. */
    public static ScalarType smallestSigned(BigInteger lo, BigInteger hi) {
        for (ScalarType t : new ScalarType[] {I8, I16, I32, I64, I128}) {
            if (t.fits(lo) && t.fits(hi)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The narrowest unsigned type up to u64 holding every value in [0, max], or null when u64 does not:
     * a checked field cast, compare or select costs about one constraint per bit of its type.
     */
    public static ScalarType smallestUnsigned(BigInteger max) {
        for (ScalarType t : new ScalarType[] {U8, U16, U32, U64}) {
            if (max.signum() >= 0 && t.fits(max)) {
                return t;
            }
        }
        return null;
    }

    private void requireInteger() {
        if (!isInteger()) {
            throw new IllegalStateException(this + " is not an integer type");
        }
    }

    @Override
    public String aleo() {
        return aleo;
    }

    @Override
    public String leo() {
        return this == BOOLEAN ? "bool" : aleo();
    }
}
