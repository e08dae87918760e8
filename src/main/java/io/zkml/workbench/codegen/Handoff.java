package io.zkml.workbench.codegen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What one segment of a program chain passes to the next, as private arrays: at a cut between layers
 * the values of one layer (one {@link Piece}); at a cut inside a layer ({@link ChainPoint#inside()}) that
 * layer's input activation and the output channels already computed (two pieces), so the next segment
 * computes the remaining channels from the same input.
 */
public record Handoff(List<Piece> pieces) {

    public Handoff {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("a hand-off passes at least one activation");
        }
    }

    /** One activation (the layer before a cut between layers). */
    public Handoff(String layer, int size, ScalarType type, ValueRef.Repr repr, BigInteger offset) {
        this(List.of(new Piece(layer, size, type, repr, offset)));
    }

    /**
     * The values of one layer (or its first channels) as private arrays of one element type (at most
     * {@link Lowering#MAX_ARRAY_ELEMENTS} each, so a wider activation is several array inputs). Passed in
     * the representation the caller computed them in (an unsigned offset form after a field layer, or a
     * signed type) when every value shares it, so the hand-off converts nothing; otherwise in the layer's
     * signed type.
     *
     * @param layer  the model layer whose values pass
     * @param repr   how the callee reads an element: as the value (SIGNED) or as value + offset (OFFSET)
     * @param offset the OFFSET form's offset (zero for SIGNED)
     */
    public record Piece(String layer, int size, ScalarType type, ValueRef.Repr repr, BigInteger offset) {

        public Piece {
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

    /** The array types every piece travels in, in order. */
    public List<ArrayType> arrays() {
        return pieces.stream().flatMap(p -> p.arrays().stream()).toList();
    }

    /** How many values pass, over every piece. */
    public int size() {
        return pieces.stream().mapToInt(Piece::size).sum();
    }

    /** The layers whose values pass ("conv" or "input + conv"), for reports. */
    public String layer() {
        return String.join(" + ", pieces.stream().map(Piece::layer).toList());
    }
}
