package io.zkml.workbench.graph;

/**
 * Spatial padding of a convolution or pooling window. {@code SAME} follows DL4J's
 * ConvolutionMode.Same (output = ceil(in / stride), the smaller half of the padding on the
 * top/left); {@code EXPLICIT} is DL4J's Truncate/Strict with the given zero padding.
 */
public record Padding(Mode mode, int top, int left, int bottom, int right) {

    public enum Mode { EXPLICIT, SAME }

    public static Padding explicit(int padH, int padW) {
        return new Padding(Mode.EXPLICIT, padH, padW, padH, padW);
    }

    public static final Padding NONE = explicit(0, 0);
    public static final Padding SAME = new Padding(Mode.SAME, 0, 0, 0, 0);

    /** Output length along one axis and the padding before it, as DL4J computes them. */
    public int[] outputAndPadBefore(int in, int kernel, int stride, boolean vertical) {
        if (mode == Mode.SAME) {
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + kernel - in, 0);
            return new int[] {out, total / 2};
        }
        int before = vertical ? top : left;
        int after = vertical ? bottom : right;
        int out = (in + before + after - kernel) / stride + 1;
        return new int[] {out, before};
    }

    @Override
    public String toString() {
        return mode == Mode.SAME ? "same" : (top + "," + left);
    }
}
