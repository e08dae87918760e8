package io.zkml.workbench.graph;

/**
 * The input normalisation that travelled with the model (DL4J stores it in the model zip):
 * {@code normalised = (raw - offset) / scale} per feature. Standardisation has offset = mean and
 * scale = std; min-max scaling to [lo, hi] is expressed the same way.
 */
public record InputNormalizer(String kind, float[] offset, float[] scale) {

    public InputNormalizer {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("offset and scale lengths differ");
        }
        offset = offset.clone();
        scale = scale.clone();
    }

    @Override
    public float[] offset() {
        return offset.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    public int features() {
        return offset.length;
    }

    /** Applies the normalisation to one raw row; features beyond the stored ones stay as they are. */
    public float[] apply(float[] raw) {
        float[] out = raw.clone();
        if (offset.length == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (raw[i] - offset[0]) / scale[0];
            }
            return out;
        }
        for (int i = 0; i < Math.min(out.length, offset.length); i++) {
            out[i] = (raw[i] - offset[i]) / scale[i];
        }
        return out;
    }

    /**
     * As {@link #apply(float[])} for values typed with more digits than float32 holds: the
     * normalisation runs in double and only its (small) result is rounded to float.
     */
    public float[] apply(double[] raw) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int k = offset.length == 1 ? 0 : i;
            out[i] = k < offset.length ? (float) ((raw[i] - offset[k]) / scale[k]) : (float) raw[i];
        }
        return out;
    }
}
