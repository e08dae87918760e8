package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.importer.ModelImportException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import onnx.Onnx;

/**
 * Decodes an ONNX {@code TensorProto} into a {@link ConstTensor}, refusing what the workbench does
 * not read: values stored in an external file, element types other than float, double, int32 and
 * int64, sizes beyond {@link OnnxLimits}, a data field whose length disagrees with the dims, and
 * non-finite floats (they have no fixed-point form).
 */
final class OnnxTensors {

    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private final Path file;

    OnnxTensors(Path file) {
        this.file = file;
    }

    ConstTensor decode(Onnx.TensorProto t, String where) throws ModelImportException {
        if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelImportException(file, where + " keeps its values in an external data file, which is not"
                    + " read; save the model with its weights inside (onnx.save(model, path,"
                    + " save_as_external_data=False))");
        }
        if (t.getDimsCount() > OnnxLimits.MAX_RANK) {
            throw new ModelImportException(file, where + " has " + t.getDimsCount() + " dimensions; at most "
                    + OnnxLimits.MAX_RANK + " are read");
        }
        long[] dims = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] <= 0) {
                throw new ModelImportException(file, where + " has dimension " + dims[i] + "; the workbench reads"
                        + " tensors that hold values — re-export the model");
            }
            n *= dims[i];
            if (n > OnnxLimits.MAX_TENSOR_ELEMENTS) {
                throw new ModelImportException(file, where + " has more than " + OnnxLimits.MAX_TENSOR_ELEMENTS
                        + " values; a network that fits an Aleo program is far smaller");
            }
        }
        int count = (int) n;
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDataType()) {
            case FLOAT -> {
                float[] v = new float[count];
                if (raw) {
                    requireLength(where, bytes.remaining(), 4L * count);
                    bytes.asFloatBuffer().get(v);
                } else {
                    requireLength(where, t.getFloatDataCount(), count);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getFloatData(i);
                    }
                }
                return new ConstTensor(t.getName(), dims, finite(where, v), null);
            }
            case DOUBLE -> {
                float[] v = new float[count];
                if (raw) {
                    requireLength(where, bytes.remaining(), 8L * count);
                    for (int i = 0; i < count; i++) {
                        v[i] = (float) bytes.getDouble();
                    }
                } else {
                    requireLength(where, t.getDoubleDataCount(), count);
                    for (int i = 0; i < count; i++) {
                        v[i] = (float) t.getDoubleData(i);
                    }
                }
                return new ConstTensor(t.getName(), dims, finite(where, v), null);
            }
            case INT64 -> {
                long[] v = new long[count];
                if (raw) {
                    requireLength(where, bytes.remaining(), 8L * count);
                    bytes.asLongBuffer().get(v);
                } else {
                    requireLength(where, t.getInt64DataCount(), count);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                return new ConstTensor(t.getName(), dims, null, v);
            }
            case INT32 -> {
                long[] v = new long[count];
                if (raw) {
                    requireLength(where, bytes.remaining(), 4L * count);
                    for (int i = 0; i < count; i++) {
                        v[i] = bytes.getInt();
                    }
                } else {
                    requireLength(where, t.getInt32DataCount(), count);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
                return new ConstTensor(t.getName(), dims, null, v);
            }
            default -> throw new ModelImportException(file, where + " has element type " + typeName(t.getDataType())
                    + "; the workbench reads float, double, int32 and int64 tensors — export the model in float32");
        }
    }

    static String typeName(int dataType) {
        Onnx.TensorProto.DataType d = Onnx.TensorProto.DataType.forNumber(dataType);
        return d == null ? "#" + dataType : d.name();
    }

    private void requireLength(String where, long actual, long expected) throws ModelImportException {
        if (actual != expected) {
            throw new ModelImportException(file, where + " holds " + actual + " data entries where its dims need "
                    + expected + "; the file is damaged — re-export it");
        }
    }

    private float[] finite(String where, float[] v) throws ModelImportException {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelImportException(file, where + " holds " + v[i] + " at index " + i + "; a network with"
                        + " non-finite parameters cannot be quantized or proven — retrain it or fix the stored values");
            }
        }
        return v;
    }
}
