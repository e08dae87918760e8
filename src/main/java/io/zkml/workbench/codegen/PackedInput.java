package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;

import java.math.BigInteger;
import java.util.List;

/**
 * Scheme {@code psd8-packed-u128-salted/2}: the function's only input is one private {@code [u128; n]}
 * holding the salted, packed weights exactly as {@link PackedWeights} lays them out (elements
 * {@code 0..k-1}), followed by the data values, packed from a fresh element in the input type's
 * two's-complement width (an i16 value takes 16 bits; as an {@code [i16; n]} element it packs as 56).
 *
 * <p>Why: a second private input costs its own encryption key, randomizers and input hash (about 1,283
 * constraints measured, docs/ENCODING.md), whatever it holds. Carrying the data in the weights' array
 * removes that, and the data's per-element packing headers with it. The commitment still hashes elements
 * {@code 0..k-1} only (a sub-array, built by wiring), so it is scheme /1's commitment for the same model and
 * salt: an auditor recomputes it from the model file and salt alone, without the data.
 */
public record PackedInput(PackedWeights weights, int dataValues, int dataWidth) {

    /** The scheme's exact name, recorded in export and bundle manifests. */
    public static final String SCHEME = "psd8-packed-u128-salted/2: hash.psd8 of [u128; k] = "
            + "[salt, parameters packed densely in two's complement per layer group], the data packed after them in the "
            + "same private input";

    public PackedInput {
        if (dataWidth < 2 || dataWidth > 64) {
            throw new IllegalArgumentException("a packed data value is 2 to 64 bits wide, not " + dataWidth);
        }
        if (weights.elements() + dataElements(dataValues, dataWidth) > Lowering.MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException("the packed weights and data need " + (weights.elements()
                    + dataElements(dataValues, dataWidth)) + " u128 elements, more than the " + Lowering.MAX_ARRAY_ELEMENTS
                    + " an array may hold");
        }
    }

    /** The layout for a graph with one input layer, whose values keep the input type's width. */
    public static PackedInput of(QuantizedGraph g) {
        List<QuantizedLayer> inputs = g.layers().stream().filter(l -> l.producer() instanceof Producer.QuantizeInput).toList();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("private weights ride in the data's input, so they need a model with one "
                    + "input layer, not " + inputs.size() + "; use --weights constant");
        }
        QuantizedLayer in = inputs.get(0);
        return new PackedInput(PackedWeights.of(g), in.size(), Lowering.inputType(in.bits()).bits());
    }

    private static int dataElements(int values, int width) {
        int perElement = PackedWeights.ELEMENT_BITS / width;
        return (values + perElement - 1) / perElement;
    }

    public int elements() {
        return weights.elements() + dataElements(dataValues, dataWidth);
    }

    /** Elements {@code 0..k-1}: the salt and the weights, what the commitment hashes. */
    public int committedElements() {
        return weights.elements();
    }

    public ArrayType type() {
        return new ArrayType(PackedWeights.ELEMENT, elements());
    }

    /** Where data value {@code i} lives; a value never straddles two elements. */
    public PackedWeights.Slot data(int i) {
        int perElement = PackedWeights.ELEMENT_BITS / dataWidth;
        return new PackedWeights.Slot(weights.elements() + i / perElement, (i % perElement) * dataWidth, dataWidth);
    }

    /** The array's elements: the salt, the packed parameters, then the packed data. */
    public BigInteger[] elements(WeightsSalt salt, long[] data) {
        return elements(weights.elements(salt), data);
    }

    /** {@link #elements(WeightsSalt, long[])} from the salt's and weights' elements, already packed. */
    private BigInteger[] elements(BigInteger[] committed, long[] data) {
        if (data.length != dataValues) {
            throw new IllegalArgumentException("the program takes " + dataValues + " input values, not " + data.length);
        }
        BigInteger[] out = java.util.Arrays.copyOf(committed, elements());
        java.util.Arrays.fill(out, weights.elements(), out.length, BigInteger.ZERO);
        long min = -(1L << (dataWidth - 1));
        long max = (1L << (dataWidth - 1)) - 1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] < min || data[i] > max) {
                throw new IllegalArgumentException("input value " + i + " (" + data[i] + ") does not fit " + dataWidth + " bits");
            }
            PackedWeights.Slot s = data(i);
            BigInteger bits = BigInteger.valueOf(data[i]).mod(BigInteger.ONE.shiftLeft(dataWidth));
            out[s.element()] = out[s.element()].or(bits.shiftLeft(s.shift()));
        }
        return out;
    }

    /** The private input literal {@code [<salt>u128, …]} for one row of quantized data. */
    public String literal(WeightsSalt salt, long[] data) {
        return literals(salt).apply(data);
    }

    /**
     * The literal of any row under {@code salt}. The salt and weights (elements {@code 0..k-1}) are the
     * same for every row and data never shares their elements, so they are packed and printed once:
     * per row, that work was most of an export's test-row encoding (issue #15).
     */
    public java.util.function.Function<long[], String> literals(WeightsSalt salt) {
        BigInteger[] committed = weights.elements(salt);
        StringBuilder prefix = new StringBuilder("[");
        for (int i = 0; i < committed.length; i++) {
            prefix.append(i == 0 ? "" : ", ").append(committed[i]).append(PackedWeights.ELEMENT.aleo());
        }
        String head = prefix.toString();
        return data -> {
            BigInteger[] e = elements(committed, data);
            StringBuilder b = new StringBuilder(head.length() + 48 * (e.length - committed.length) + 1).append(head);
            for (int i = committed.length; i < e.length; i++) {
                b.append(i == 0 ? "" : ", ").append(e[i]).append(PackedWeights.ELEMENT.aleo());
            }
            return b.append(']').toString();
        };
    }
}
