package io.zkml.workbench.codegen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The activation one segment of a program chain passes to the next: the values of one layer, as
 * private arrays of one element type (at most {@link Lowering#MAX_ARRAY_ELEMENTS} each, so a wider
 * activation is several array inputs). Passed in the representation the caller computed them in
 * (an unsigned offset form after a field layer, or a signed type) when every value shares it, so the
 * hand-off converts nothing; otherwise in the layer's signed type.
 *
 * @param layer  the model layer whose values pass
 * @param repr   how the callee reads an element: as the value (SIGNED) or as value + offset (OFFSET)
 * @param offset the OFFSET form's offset (zero for SIGNED)
 */
public record Handoff(String layer, int size, ScalarType type, ValueRef.Repr repr, BigInteger offset) {

    public Handoff {
        if (size <= 0) {
            throw new IllegalArgumentException("an activation passes at least one value");
        }
        if (repr == ValueRef.Repr.SIGNED && offset.signum() != 0) {
            throw new IllegalArgumentException("a signed hand-off has no offset");
        }
    }

    /** The array types the values travel in, in order. */
    public List<ArrayType> arrays() {
        List<ArrayType> out = new ArrayList<>();
        for (int from = 0; from < size; from += Lowering.MAX_ARRAY_ELEMENTS) {
            out.add(new ArrayType(type, Math.min(Lowering.MAX_ARRAY_ELEMENTS, size - from)));
        }
        return out;
    }

    /** How the callee holds element {@code operand}. */
    ValueRef value(Operand operand) {
        return repr == ValueRef.Repr.SIGNED ? ValueRef.signed(operand) : ValueRef.offset(operand, offset);
    }
}
