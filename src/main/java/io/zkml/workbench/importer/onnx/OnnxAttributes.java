package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.importer.LayerRef;
import io.zkml.workbench.importer.ModelImportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;

/**
 * One node's attributes, read by name and type. Every attribute a node carries must be read by the
 * op's mapping ({@link #requireAllRead()}): an attribute the importer does not know might change
 * what the op computes, so it is refused rather than ignored.
 */
final class OnnxAttributes {

    private final Path file;
    private final LayerRef node;
    private final Map<String, Onnx.AttributeProto> byName = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    OnnxAttributes(Path file, LayerRef node, List<Onnx.AttributeProto> attributes) throws ModelImportException {
        this.file = file;
        this.node = node;
        for (Onnx.AttributeProto a : attributes) {
            if (!a.getRefAttrName().isEmpty()) {
                throw refused("attribute '" + a.getName() + "' refers to a function attribute; inline the function");
            }
            if (byName.put(a.getName(), a) != null) {
                throw refused("attribute '" + a.getName() + "' is given twice; the file is damaged — re-export it");
            }
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long getInt(String name, long defaultValue) throws ModelImportException {
        Onnx.AttributeProto a = take(name, Onnx.AttributeProto.AttributeType.INT);
        return a == null ? defaultValue : a.getI();
    }

    float getFloat(String name, float defaultValue) throws ModelImportException {
        Onnx.AttributeProto a = take(name, Onnx.AttributeProto.AttributeType.FLOAT);
        return a == null ? defaultValue : a.getF();
    }

    String getString(String name, String defaultValue) throws ModelImportException {
        Onnx.AttributeProto a = take(name, Onnx.AttributeProto.AttributeType.STRING);
        return a == null ? defaultValue : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** The ints attribute, or null when absent. */
    long[] getInts(String name) throws ModelImportException {
        Onnx.AttributeProto a = take(name, Onnx.AttributeProto.AttributeType.INTS);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    /** The tensor attribute, or null when absent. */
    Onnx.TensorProto getTensor(String name) throws ModelImportException {
        Onnx.AttributeProto a = take(name, Onnx.AttributeProto.AttributeType.TENSOR);
        return a == null ? null : a.getT();
    }

    /** Refuses any attribute no mapping read. */
    void requireAllRead() throws ModelImportException {
        for (String name : byName.keySet()) {
            if (!read.contains(name)) {
                throw refused("attribute '" + name + "' is not supported on " + node.className()
                        + "; export the model without it");
            }
        }
    }

    private Onnx.AttributeProto take(String name, Onnx.AttributeProto.AttributeType type) throws ModelImportException {
        Onnx.AttributeProto a = byName.get(name);
        read.add(name);
        if (a == null) {
            return null;
        }
        if (a.getType() != type) {
            throw refused("attribute '" + name + "' has type " + a.getType() + ", " + type + " expected;"
                    + " the file is damaged — re-export it");
        }
        return a;
    }

    ModelImportException refused(String message) {
        return new ModelImportException(file, node, message);
    }
}
