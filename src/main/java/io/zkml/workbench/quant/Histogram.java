package io.zkml.workbench.quant;

/** Equal-width bins over [min, max]: bin i covers [min + i*w, min + (i+1)*w), the last one includes max. */
public record Histogram(double min, double max, long[] counts) {

    public double binWidth() {
        return (max - min) / counts.length;
    }

    public double binStart(int i) {
        return min + i * binWidth();
    }

    static Histogram of(double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 0;
        }
        if (hi <= lo) {
            hi = lo + 1e-12;
        }
        long[] c = new long[bins];
        double w = (hi - lo) / bins;
        for (double v : values) {
            c[Math.min(bins - 1, (int) ((v - lo) / w))]++;
        }
        return new Histogram(lo, hi, c);
    }
}
