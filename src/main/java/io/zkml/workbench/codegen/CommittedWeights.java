package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How a model's integer parameters are packed into private input arrays when the weights are
 * not constants, and the commitment to them. All weights (layer order, producer order), then all
 * biases. When they fit one array of {@link Lowering#MAX_ARRAY_ELEMENTS} they share it, in the
 * smallest signed type holding every value (one hash); otherwise two groups, so the many small
 * weights do not take the wide type the accumulator-scale biases need, each in arrays of at most
 * that size. The commitment is {@code hash.psd2} of the array when
 * there is one, else {@code hash.psd2} of the {@code [field; n]} array of the arrays' hashes.
 * The Java side and the program compute it from this one description.
 */
public record CommittedWeights(List<Chunk> chunks, Map<String, Slots> layers) {

    /** Snarkvm's limit on a function's inputs; the data input takes one. */
    public static final int MAX_WEIGHT_INPUTS = 15;

    /** The commitment scheme this class computes, as recorded in export and bundle manifests. */
    public static final String SCHEME = "hash.psd2 of the weight array, or of the [field; n] array of the arrays' hashes";

    /** One private input array. */
    public record Chunk(String name, ScalarType type, long[] values) {
        public String literal() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : ", ").append(values[i]).append(type.aleo());
            }
            return b.append(']').toString();
        }
    }

    /** Where a layer's parameters live: (chunk, element) of weight i and of bias i. */
    public record Slots(int[][] weights, int[][] biases) {
    }

    public CommittedWeights {
        chunks = List.copyOf(chunks);
        layers = Map.copyOf(layers);
    }

    public static CommittedWeights of(QuantizedGraph g) {
        List<long[]> ws = new ArrayList<>(), bs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (QuantizedLayer l : g.layers()) {
            long[][] p = params(l.producer());
            if (p != null) {
                names.add(l.name());
                ws.add(p[0]);
                bs.add(p[1]);
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        int[][][] wSlots;
        int[][][] bSlots;
        int total = ws.stream().mapToInt(x -> x.length).sum() + bs.stream().mapToInt(x -> x.length).sum();
        if (total <= Lowering.MAX_ARRAY_ELEMENTS) {
            // One array, one hash: for a small model a hash costs more than the wider type saves.
            List<long[]> all = new ArrayList<>(ws);
            all.addAll(bs);
            int[][][] slots = pack("w", all, chunks);
            wSlots = java.util.Arrays.copyOfRange(slots, 0, ws.size());
            bSlots = java.util.Arrays.copyOfRange(slots, ws.size(), slots.length);
        } else {
            wSlots = pack("w", ws, chunks);
            bSlots = pack("b", bs, chunks);
        }
        if (chunks.size() > MAX_WEIGHT_INPUTS) {
            throw new IllegalArgumentException(chunks.size() + " weight arrays exceed the " + MAX_WEIGHT_INPUTS
                    + " inputs a function has left after the data input (MAX_INPUTS = 16)");
        }
        Map<String, Slots> layers = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            layers.put(names.get(i), new Slots(wSlots[i], bSlots[i]));
        }
        return new CommittedWeights(chunks, layers);
    }

    /** The commitment as the program computes it; {@code psd2} hashes an Aleo value's text to a field literal. */
    public String commitment(UnaryOperator<String> psd2) {
        if (chunks.size() == 1) {
            return psd2.apply(chunks.get(0).literal());
        }
        return psd2.apply(chunks.stream().map(c -> psd2.apply(c.literal())).collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * The number of weight terms (zeros included) of each neuron of {@code layer}'s linear forms, or
     * an empty array when the layer has no weights; for benchmarks that price another encoding of
     * the same integers (tooling.EncodingRatio).
     */
    public static int[] termsPerNeuron(io.zkml.workbench.quant.QuantizedLayer layer) {
        if (params(layer.producer()) == null) {
            return new int[0];
        }
        return LinearForm.of(layer, true).stream().mapToInt(f -> f.terms().size()).toArray();
    }

    /** Weights and biases (or BatchNorm scale and offset) of a linear producer; null for others. */
    static long[][] params(Producer p) {
        if (p instanceof Producer.Dense d) {
            return new long[][] {d.weights(), d.bias()};
        } else if (p instanceof Producer.Conv2D c) {
            return new long[][] {c.weights(), c.bias()};
        } else if (p instanceof Producer.Affine a) {
            return new long[][] {a.scale(), a.offset()};
        }
        return null;
    }

    private static int[][][] pack(String prefix, List<long[]> groups, List<Chunk> chunks) {
        BigInteger max = BigInteger.ZERO;
        int total = 0;
        for (long[] g : groups) {
            for (long v : g) {
                max = max.max(BigInteger.valueOf(v).abs());
            }
            total += g.length;
        }
        ScalarType t = ScalarType.smallestSigned(max.negate(), max);
        int[][][] slots = new int[groups.size()][][];
        long[] flat = new long[total];
        int at = 0;
        int first = chunks.size();
        for (int gi = 0; gi < groups.size(); gi++) {
            long[] g = groups.get(gi);
            slots[gi] = new int[g.length][];
            for (int i = 0; i < g.length; i++, at++) {
                flat[at] = g[i];
                slots[gi][i] = new int[] {first + at / Lowering.MAX_ARRAY_ELEMENTS, at % Lowering.MAX_ARRAY_ELEMENTS};
            }
        }
        for (int c = 0; c * Lowering.MAX_ARRAY_ELEMENTS < total; c++) {
            int from = c * Lowering.MAX_ARRAY_ELEMENTS;
            long[] part = java.util.Arrays.copyOfRange(flat, from, Math.min(total, from + Lowering.MAX_ARRAY_ELEMENTS));
            chunks.add(new Chunk(prefix + c, t, part));
        }
        return slots;
    }
}
