package io.zkml.workbench.importer.onnx;

/**
 * A constant of the ONNX graph (an initializer or a Constant node's value) as read: its dims and
 * its values, floats as float (doubles narrowed), integers as long.
 */
record ConstTensor(String name, long[] dims, float[] floats, long[] ints) {

    long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    int rank() {
        return dims.length;
    }

    boolean isFloat() {
        return floats != null;
    }

    int[] intDims() {
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) dims[i];
        }
        return d;
    }
}
