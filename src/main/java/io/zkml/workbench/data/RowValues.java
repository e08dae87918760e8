package io.zkml.workbench.data;

import io.zkml.workbench.WorkbenchException;

/** One row of feature values typed by a person ("5.1, 3.5, 1.4, 0.2"), as the CLI and the UI take it. */
public final class RowValues {

    private RowValues() {
    }

    /**
     * @param what how the message names a value, e.g. "--input value" or "value"
     */
    public static float[] parse(String csv, String what) {
        String[] parts = csv.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new WorkbenchException(what + " " + (i + 1) + " ('" + parts[i].trim() + "') is not a number");
            }
        }
        return v;
    }
}
