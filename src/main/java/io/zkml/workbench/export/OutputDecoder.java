package io.zkml.workbench.export;

import java.util.ArrayList;
import java.util.List;

/** Turns public output literals into class labels and dequantized values. */
public final class OutputDecoder {

    private OutputDecoder() {
    }

    /**
     * The model's own outputs. A private-committed program appends the public commitment to its
     * weights, a {@code field}; the model's outputs are integers (a class, or arrays of values).
     */
    public static List<String> modelOutputs(List<String> outputs) {
        return commitment(outputs) == null ? outputs : outputs.subList(0, outputs.size() - 1);
    }

    /** The weights commitment a private-committed program outputs last, or null. */
    public static String commitment(List<String> outputs) {
        if (outputs.size() < 2) {
            return null;
        }
        String last = outputs.get(outputs.size() - 1).trim();
        return last.endsWith("field") ? last : null;
    }

    /** Decodes a program's public outputs; a trailing weights commitment is left out ({@link #modelOutputs}). */
    public static DecodedOutput decode(OutputFormat format, List<String> outputs) {
        outputs = modelOutputs(outputs);
        List<Long> all = new ArrayList<>();
        for (String o : outputs) {
            for (long v : AleoValues.integers(o)) {
                all.add(v);
            }
        }
        long[] values = all.stream().mapToLong(Long::longValue).toArray();
        if (OutputFormat.CLASS.equals(format.kind())) {
            int c = (int) values[0];
            return new DecodedOutput(outputs, values, new double[0], c, format.labelOf(c));
        }
        double[] deq = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deq[i] = Math.scalb((double) values[i], -format.fracBits());
        }
        if (values.length < 2) {
            return new DecodedOutput(outputs, values, deq, null, null);
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return new DecodedOutput(outputs, values, deq, best, format.labelOf(best));
    }
}
