package io.zkml.workbench.graph;

import java.util.Arrays;

/**
 * The shape of one activation, without the batch dimension. Convolutional activations use
 * DL4J's channels-first layout {@code [channels, height, width]}; flat ones are {@code [n]}.
 */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive: " + Arrays.toString(dims));
            }
        }
    }

    public static Shape flat(int n) {
        return new Shape(new int[] {n});
    }

    public static Shape chw(int channels, int height, int width) {
        return new Shape(new int[] {channels, height, width});
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** Number of scalar values in one activation of this shape. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    public boolean isImage() {
        return dims.length == 3;
    }

    public int channels() {
        requireImage();
        return dims[0];
    }

    public int height() {
        requireImage();
        return dims[1];
    }

    public int width() {
        requireImage();
        return dims[2];
    }

    private void requireImage() {
        if (!isImage()) {
            throw new IllegalStateException("not a [channels, height, width] shape: " + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.toString();
    }
}
