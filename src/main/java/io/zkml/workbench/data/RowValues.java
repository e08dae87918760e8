package io.zkml.workbench.data;

import io.zkml.workbench.WorkbenchException;

/**
 * One row of feature values typed by a person ("5.1, 3.5, 1.4, 0.2"), as the CLI and the UI take it.
 * The one parser of typed inputs: values are read as doubles (a timestamp like 1582999200 keeps
 * every digit; float32 would make it 1582999170) and must be finite — NaN or an infinity would
 * quantize to some integer and prove a class for an input that is not a number.
 */
public final class RowValues {

    private RowValues() {
    }

    /**
     * The values exactly as typed (to double precision).
     *
     * @param what how the message names a value, e.g. "--input value" or "value"
     */
    public static double[] parseExact(String csv, String what) {
        String[] parts = csv.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String text = parts[i].trim();
            boolean nonFinite = text.matches("(?i)[+-]?(nan|inf|infinity)");
            if (!nonFinite) {
                try {
                    v[i] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new WorkbenchException(what + " " + (i + 1) + " ('" + text + "') is not a number");
                }
            }
            if (nonFinite || !Double.isFinite(v[i])) {
                throw new WorkbenchException(what + " " + (i + 1) + " ('" + text + "') is not a finite number;"
                        + " NaN and infinities have no fixed-point value: type a real number");
            }
        }
        return v;
    }

    /** The values as the float32 model takes them; a value beyond float's range is refused, not made infinite. */
    public static float[] parse(String csv, String what) {
        double[] d = parseExact(csv, what);
        float[] v = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = (float) d[i];
            if (!Float.isFinite(v[i])) {
                throw new WorkbenchException(what + " " + (i + 1) + " (" + d[i] + ") is beyond the float32 range"
                        + " of the model's inputs");
            }
        }
        return v;
    }
}
