package io.zkml.workbench.importer;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * Writes a minimal Keras 2 style .h5 (what {@code model.save('m.h5')} produces, reduced to what
 * DL4J's Keras import reads) with the HDF5 bindings DL4J already ships, so the tests need no Python.
 *
 * <p>Layout: root attributes {@code model_config} (JSON), {@code keras_version}, {@code backend};
 * weights under {@code model_weights/<layer>/<layer>/<param>:0} with the layer group's
 * {@code weight_names} attribute carrying the TensorFlow-style ":0" names DL4J uses to find them.
 */
final class KerasH5Writer {

    /** DL4J reads JSON attributes into a 2 KiB buffer first; stay below it. */
    static final int MAX_CONFIG_BYTES = 2000;

    private final Map<String, Map<String, float[]>> weights = new LinkedHashMap<>();
    private final Map<String, Map<String, long[]>> shapes = new LinkedHashMap<>();

    KerasH5Writer weight(String layer, String param, long[] shape, float[] values) {
        weights.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(param, values);
        shapes.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(param, shape);
        return this;
    }

    void write(Path file, String modelConfigJson) {
        byte[] config = modelConfigJson.getBytes(StandardCharsets.UTF_8);
        if (config.length >= MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("model_config of " + config.length + " bytes is too long for the test");
        }
        Loader.load(org.bytedeco.hdf5.global.hdf5.class);
        // Same lock as DL4J's reader: the HDF5 library is not thread-safe.
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File f = new H5File(file.toString(), H5F_ACC_TRUNC());
            try {
                stringAttribute(f, "model_config", modelConfigJson);
                stringAttribute(f, "keras_version", "2.2.4");
                stringAttribute(f, "backend", "tensorflow");
                Group root = f.createGroup("model_weights");
                for (Map.Entry<String, Map<String, float[]>> layer : weights.entrySet()) {
                    String name = layer.getKey();
                    Group lg = root.createGroup(name);
                    StringBuilder names = new StringBuilder();
                    for (String p : layer.getValue().keySet()) {
                        names.append(name).append('/').append(p).append(":0 ");
                    }
                    stringAttribute(lg, "weight_names", names.toString().strip());
                    Group inner = lg.createGroup(name);
                    for (Map.Entry<String, float[]> p : layer.getValue().entrySet()) {
                        long[] dims = shapes.get(name).get(p.getKey());
                        DataSpace space = new DataSpace(dims.length, dims);
                        DataType type = new DataType(PredType.NATIVE_FLOAT());
                        DataSet ds = inner.createDataSet(p.getKey() + ":0", type, space);
                        ds.write(new FloatPointer(p.getValue()), type);
                        ds.close();
                        space.close();
                    }
                    inner.close();
                    lg.close();
                }
                root.close();
            } finally {
                f.close();
            }
        }
    }

    private static void stringAttribute(H5Object loc, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // Fixed-length, NUL-terminated, as h5py stores Keras' encoded JSON.
        StrType type = new StrType(PredType.C_S1(), bytes.length + 1);
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        Attribute a = loc.createAttribute(name, type, scalar);
        BytePointer data = new BytePointer(bytes.length + 1);
        data.put(bytes);
        data.put(bytes.length, (byte) 0);
        a.write(type, data);
        a.close();
        scalar.close();
        type.close();
    }
}
