package io.zkml.workbench.codegen;

import java.math.BigInteger;

/**
 * Where one activation lives in the program. {@code SIGNED}: {@code operand} holds the value in
 * a signed integer type. {@code OFFSET}: {@code operand} is unsigned (the narrowest of u8..u64
 * holding the value's static range after a field layer's requantization) holding {@code value + offset}
 * (field layers requantize in an unsigned type because a field element cannot be shifted or compared, and a
 * negative field element cannot be cast to an integer; the offset keeps it non-negative).
 */
public record ValueRef(Operand operand, Repr repr, BigInteger offset) {

    public enum Repr { SIGNED, OFFSET }

    public ValueRef {
        if (repr == Repr.SIGNED && offset.signum() != 0) {
            throw new IllegalArgumentException("a signed value has no offset");
        }
        if (repr == Repr.OFFSET && (!(operand.type() instanceof ScalarType t) || !t.isInteger() || t.signed()
                || offset.signum() < 0)) {
            throw new IllegalArgumentException("offset values are unsigned integers with a non-negative offset");
        }
    }

    public static ValueRef signed(Operand o) {
        return new ValueRef(o, Repr.SIGNED, BigInteger.ZERO);
    }

    public static ValueRef offset(Operand o, BigInteger offset) {
        return new ValueRef(o, Repr.OFFSET, offset);
    }

    public ScalarType type() {
        return (ScalarType) operand.type();
    }
}
