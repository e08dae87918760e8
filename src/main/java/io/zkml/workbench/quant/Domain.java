package io.zkml.workbench.quant;

/**
 * The arithmetic a layer's linear part is computed in on Aleo. {@code FIELD} is exact for any
 * value far below the ~253-bit modulus, so only the 64-bit limit of the simulator applies; the
 * integer types are CHECKED on Aleo (an overflowing add or multiply aborts the proof), so every
 * product and every partial sum has to fit.
 */
public enum Domain {
    FIELD(0), I8(8), I16(16), I32(32), I64(64), I128(128);

    private final int bits;

    Domain(int bits) {
        this.bits = bits;
    }

    /** Width of the integer type, 0 for the field. */
    public int bits() {
        return bits;
    }

    /** True when Aleo checks every operation against a type range narrower than the simulator's long. */
    public boolean isNarrowInteger() {
        return bits > 0 && bits <= 64;
    }

    /**
     * Smallest value of the type. I128 and FIELD report the long range: beyond it the simulator
     * cannot represent the value and says so as a 64-bit overflow.
     */
    public long min() {
        return bits > 0 && bits < 64 ? -(1L << (bits - 1)) : Long.MIN_VALUE;
    }

    public long max() {
        return bits > 0 && bits < 64 ? (1L << (bits - 1)) - 1 : Long.MAX_VALUE;
    }
}
