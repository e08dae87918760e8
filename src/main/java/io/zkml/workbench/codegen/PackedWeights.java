package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The committed-weights encoding chosen by measurement (docs/ENCODING.md, "Committed weights"): one
 * private {@code [u128; n]} input whose element 0 is a random 128-bit salt and whose further elements
 * hold every parameter densely, each in its group's own two's-complement width (a layer's weights, and
 * its biases, form one group each; width = the fewest bits holding the group's values), packed from
 * bit 0 upwards, a value never straddling two elements. The program unpacks a value with a shift, a
 * mask, a sign-bit flip and a cast, all free in the circuit (they only rewire or fix bits), and commits
 * with one {@code hash.psd8} over the whole array: per weight that is about its width in input bits
 * plus the Poseidon work of its packed bits, instead of a 56-bit element in a rate-2 sponge per weight.
 *
 * <p>Binding: Poseidon over a fixed-length, typed array whose layout follows from the model and spec
 * alone. Hiding: the salt, which only the owner (and an auditor it hands it to) knows, so a candidate
 * model cannot be confirmed from the public commitment.
 */
public record PackedWeights(List<Slot[]> weightSlots, List<Slot[]> biasSlots, Map<String, Integer> layerIndex,
                            long[][] values, int elements) {

    /** The scheme's exact name, recorded in export and bundle manifests. */
    public static final String SCHEME = "psd8-packed-u128-salted/1: hash.psd8 of [u128; n] = "
            + "[salt, parameters packed densely in two's complement per layer group]";

    public static final ScalarType ELEMENT = ScalarType.U128;
    static final int ELEMENT_BITS = 128;

    /** Where one parameter lives: element of the weights array, first bit, width in bits. */
    public record Slot(int element, int shift, int width) {
    }

    public static PackedWeights of(QuantizedGraph g) {
        List<Slot[]> ws = new ArrayList<>();
        List<Slot[]> bs = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<long[]> groups = new ArrayList<>();
        for (QuantizedLayer l : g.layers()) {
            long[][] p = CommittedWeights.params(l.producer());
            if (p != null) {
                index.put(l.name(), ws.size());
                ws.add(null);
                bs.add(null);
                groups.add(p[0]);
                groups.add(p[1]);
            }
        }
        int element = 1; // element 0 is the salt
        int used = 0;
        List<List<long[]>> contents = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            long[] group = groups.get(gi);
            int width = width(group);
            Slot[] slots = new Slot[group.length];
            for (int i = 0; i < group.length; i++) {
                if (used + width > ELEMENT_BITS) {
                    element++;
                    used = 0;
                }
                slots[i] = new Slot(element, used, width);
                used += width;
            }
            (gi % 2 == 0 ? ws : bs).set(gi / 2, slots);
        }
        int elements = used == 0 ? element : element + 1;
        if (elements > Lowering.MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException("the packed parameters need " + elements + " u128 elements, more than the "
                    + Lowering.MAX_ARRAY_ELEMENTS + " an array may hold");
        }
        return new PackedWeights(List.copyOf(ws), List.copyOf(bs), Map.copyOf(index), groups.toArray(new long[0][]),
                elements);
    }

    /** The fewest two's-complement bits holding every value of the group (at least 2). */
    static int width(long[] group) {
        int w = 2;
        for (long v : group) {
            while (v < -(1L << (w - 1)) || v > (1L << (w - 1)) - 1) {
                w++;
            }
        }
        if (w > 64) {
            throw new IllegalArgumentException("a parameter needs more than 64 bits");
        }
        return w;
    }

    public ArrayType type() {
        return new ArrayType(ELEMENT, elements);
    }

    public Slot weight(String layer, int i) {
        return weightSlots.get(layerIndex.get(layer))[i];
    }

    public Slot bias(String layer, int i) {
        return biasSlots.get(layerIndex.get(layer))[i];
    }

    public boolean has(String layer) {
        return layerIndex.containsKey(layer);
    }

    /** The array's elements: the salt, then the packed parameters. */
    public BigInteger[] elements(WeightsSalt salt) {
        BigInteger[] out = new BigInteger[elements];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        out[0] = salt.value();
        for (int gi = 0; gi < values.length; gi++) {
            Slot[] slots = (gi % 2 == 0 ? weightSlots : biasSlots).get(gi / 2);
            for (int i = 0; i < slots.length; i++) {
                Slot s = slots[i];
                BigInteger bits = BigInteger.valueOf(values[gi][i]).mod(BigInteger.ONE.shiftLeft(s.width()));
                out[s.element()] = out[s.element()].or(bits.shiftLeft(s.shift()));
            }
        }
        return out;
    }

    /** The private input literal {@code [<salt>u128, …]}. */
    public String literal(WeightsSalt salt) {
        StringBuilder b = new StringBuilder("[");
        BigInteger[] e = elements(salt);
        for (int i = 0; i < e.length; i++) {
            b.append(i == 0 ? "" : ", ").append(e[i]).append(ELEMENT.aleo());
        }
        return b.append(']').toString();
    }

    /**
     * The commitment as the program computes it.
     *
     * @param hash snarkVM's hash of an Aleo value's text: (algorithm, text) to a field literal (the sidecar's hash op)
     */
    public String commitment(WeightsSalt salt, BinaryOperator<String> hash) {
        return hash.apply("psd8", literal(salt));
    }

    /** Bits the parameters take in the array (each its group's width): what the commitment's cost grows with. */
    public long valueBits() {
        long bits = 0;
        for (List<Slot[]> groups : List.of(weightSlots, biasSlots)) {
            for (Slot[] slots : groups) {
                for (Slot s : slots) {
                    bits += s.width();
                }
            }
        }
        return bits;
    }

    /** Parameters the array holds (weights and biases). */
    public int parameters() {
        int n = 0;
        for (long[] v : values) {
            n += v.length;
        }
        return n;
    }
}
