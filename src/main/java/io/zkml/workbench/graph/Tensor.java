package io.zkml.workbench.graph;

import java.util.Arrays;

/**
 * An immutable float parameter array in row-major ('c') order with its shape. Dense weights
 * are {@code [nIn, nOut]}; convolution weights are {@code [outChannels, inChannels, kH, kW]},
 * both as DL4J stores them, so the index arithmetic of every consumer matches DL4J.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] data;

    public Tensor(int[] shape, float[] data) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data.clone();
    }

    public static Tensor vector(float[] data) {
        return new Tensor(new int[] {data.length}, data);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i];
    }

    public int size() {
        return data.length;
    }

    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** A copy of the values; the tensor itself never changes. */
    public float[] toArray() {
        return data.clone();
    }

    /** Largest absolute value, the figure fixed-point calibration starts from. */
    public float maxAbs() {
        float m = 0f;
        for (float v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
