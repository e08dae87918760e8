package io.zkml.workbench.importer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads one array in ND4J's binary format ({@code Nd4j.write}) itself, so that ND4J never parses
 * the file's bytes: a damaged or hostile header could otherwise make it reserve gigabytes (it
 * allocates the declared length before reading any data), and hostile strides or flags in the
 * shape information crash its native code (a JVM crash, found by ReaderFuzzTest). The format is
 * two buffers, each a header (allocation mode, element count, data type) followed by the
 * elements: first the shape information ({@code [rank, shape..., strides..., extras, ews, order]}),
 * then the data. Only the shape, the order and the values are kept; {@link #toArray} builds a
 * fresh array from them, with strides and flags ND4J computes itself.
 */
final class Nd4jArrays {

    /** ND4J supports rank up to 32; the shape buffer holds 2 * rank + 4 longs. */
    private static final int MAX_RANK = 32;

    private Nd4jArrays() {
    }

    /**
     * Reads past one array, checking every declared length against the bytes that are really
     * left. Returns the element count.
     *
     * @param remaining bytes left in the stream when the array starts
     * @throws IOException with a sentence for the user when the array is damaged
     */
    static Parsed read(DataInputStream in, long remaining) throws IOException {
        long[] left = {remaining};
        Header shapeHeader = header(in, left);
        if (shapeHeader.type != DataType.LONG && shapeHeader.type != DataType.INT) {
            throw new IOException("its shape is stored as " + shapeHeader.type + ", not as integers");
        }
        if (shapeHeader.length < 4 || shapeHeader.length > 2L * MAX_RANK + 4) {
            throw new IOException("its shape information has " + shapeHeader.length + " entries");
        }
        long[] shapeInfo = new long[(int) shapeHeader.length];
        for (int i = 0; i < shapeInfo.length; i++) {
            shapeInfo[i] = shapeHeader.type == DataType.LONG ? in.readLong() : in.readInt();
        }
        take(left, shapeHeader.length * shapeHeader.type.width());
        long rank = shapeInfo[0];
        if (rank < 0 || rank > MAX_RANK || shapeHeader.length != 2 * rank + 4) {
            throw new IOException("its rank " + rank + " does not match its shape information");
        }
        long elements = 1;
        for (int i = 1; i <= rank; i++) {
            if (shapeInfo[i] < 0) {
                throw new IOException("dimension " + (i - 1) + " is negative (" + shapeInfo[i] + ")");
            }
            elements = Math.multiplyExact(elements, Math.max(1, shapeInfo[i]));
            if (shapeInfo[i] == 0) {
                elements = 0;
            }
        }
        char order = (char) shapeInfo[shapeInfo.length - 1];
        if (order != 'c' && order != 'f') {
            throw new IOException("its element order is " + shapeInfo[shapeInfo.length - 1] + ", neither 'c' nor 'f'");
        }
        Header dataHeader = header(in, left);
        if (dataHeader.type != DataType.FLOAT && dataHeader.type != DataType.DOUBLE) {
            throw new IOException("its values are stored as " + dataHeader.type + "; DL4J models store FLOAT or DOUBLE");
        }
        if (dataHeader.length != elements && !(rank == 0 && dataHeader.length == 1)) {
            throw new IOException("its shape has " + elements + " elements but its data declares "
                    + dataHeader.length);
        }
        long bytes = Math.multiplyExact(dataHeader.length, (long) dataHeader.type.width());
        if (bytes > left[0] || dataHeader.length > Integer.MAX_VALUE - 8) {
            throw new EOFException("its data declares " + bytes + " bytes but only " + left[0] + " are left");
        }
        double[] values = new double[(int) dataHeader.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = dataHeader.type == DataType.FLOAT ? in.readFloat() : in.readDouble();
        }
        take(left, bytes);
        long[] shape = java.util.Arrays.copyOfRange(shapeInfo, 1, (int) rank + 1);
        return new Parsed(shape, order, values, dataHeader.type);
    }

    /** An array's content as read: nothing of the file's shape information but the shape and the order. */
    record Parsed(long[] shape, char order, double[] values, DataType type) {

        /** A fresh ND4J array with these values, in the stored type. */
        INDArray toArray() {
            if (shape.length == 0) {
                return type == DataType.FLOAT ? Nd4j.scalar((float) values[0]) : Nd4j.scalar(values[0]);
            }
            if (type == DataType.FLOAT) {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                return Nd4j.create(f, shape, order);
            }
            return Nd4j.create(values, shape, order);
        }
    }

    private record Header(long length, DataType type) {
    }

    private static Header header(DataInputStream in, long[] left) throws IOException {
        int before = in.available();
        String modeName = in.readUTF();
        DataBuffer.AllocationMode mode = enumValue(DataBuffer.AllocationMode.class, modeName, "allocation mode");
        // ND4J's own rule (BaseDataBuffer.readHeader): the first three modes store an int length.
        long length = mode.ordinal() < 3 ? in.readInt() : in.readLong();
        DataType type = enumValue(DataType.class, in.readUTF(), "data type");
        if (length < 0) {
            throw new IOException("it declares a negative length " + length);
        }
        take(left, before - in.available());
        return new Header(length, type);
    }

    private static void take(long[] left, long n) throws EOFException {
        left[0] -= n;
        if (left[0] < 0) {
            throw new EOFException("it is cut short");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String what) throws IOException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("its header has an unknown " + what + " '" + abbreviate(name) + "'");
        }
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
