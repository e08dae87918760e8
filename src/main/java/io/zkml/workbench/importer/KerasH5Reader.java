package io.zkml.workbench.importer;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.NodeType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras .h5 from anyone, read by jHDF (pure Java) within bounds: the groups, their string attributes
 * (an array of strings joined by spaces) and the floating-point datasets of rank 1 to 5, as float32;
 * links to other places or files are refused, anything else is left out. Nothing of the file reaches the
 * native HDF5 library that DL4J's Keras import reads with: it trusts a file's structure (mutated Keras
 * files crashed the JVM in it, SIGSEGV in {@code libhdf5}), and DL4J reads string attributes into fixed
 * buffers that a longer attribute overruns (heap corruption, found by fuzzing). The importer gives DL4J
 * the model's JSON as a string and sets the weights from here ({@link KerasWeights}).
 */
final class KerasH5Reader {

    /** Largest file read (the weights of a model the workbench can compile are far smaller). */
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** Most groups and datasets (a Keras model has a few per layer). */
    static final int MAX_NODES = 20_000;
    /** Deepest group nesting (Keras nests three or four deep). */
    static final int MAX_DEPTH = 16;
    /** Most weight values in the whole file. */
    static final long MAX_VALUES = 128L * 1024 * 1024;
    /** Most characters in all string attributes together (the model's JSON configuration is most of them). */
    static final long MAX_ATTRIBUTE_CHARS = 32L * 1024 * 1024;
    /** Longest group, dataset or attribute name. */
    static final int MAX_NAME_CHARS = 1_024;

    /** A group: its string attributes, then its groups and datasets by name. */
    record H5Group(String name, Map<String, String> attributes, List<H5Group> groups, List<H5Dataset> datasets) {
        H5Group {
            attributes = Map.copyOf(attributes);
            groups = List.copyOf(groups);
            datasets = List.copyOf(datasets);
        }
    }

    /** A dataset of floats, row-major. */
    record H5Dataset(String name, long[] dims, float[] values) {
    }

    private KerasH5Reader() {
    }

    /**
     * The groups, string attributes and float datasets of {@code file}, read without the native library.
     *
     * @throws ModelImportException naming the file and what is wrong, for a file over a bound, a link, or
     *                              anything jHDF cannot read
     */
    static H5Group read(Path file) throws ModelImportException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelImportException(file, "the HDF5 file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " a Keras model is read from");
            }
        } catch (IOException e) {
            throw new ModelImportException(file, "the file cannot be read: " + e.getMessage(), e);
        }
        Budget budget = new Budget(file);
        try (HdfFile hdf = new HdfFile(file)) {
            return group(hdf, "/", 0, budget);
        } catch (ModelImportException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // jHDF reports a damaged structure with assorted runtime exceptions; a size it would allocate
            // beyond the heap fails that one allocation.
            throw new ModelImportException(file, "the HDF5 file is damaged (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); save the model again with Keras "
                    + "model.save('model.h5')", e);
        }
    }

    private static H5Group group(Group g, String name, int depth, Budget budget) throws ModelImportException {
        if (depth > MAX_DEPTH) {
            throw budget.refuse("groups nest more than " + MAX_DEPTH + " deep at " + g.getPath());
        }
        Map<String, String> attributes = attributes(g, budget);
        List<H5Group> groups = new ArrayList<>();
        List<H5Dataset> datasets = new ArrayList<>();
        for (Node n : g.getChildren().values()) {
            budget.node(n);
            if (n.isLink()) {
                throw budget.refuse("it links " + n.getPath() + " to another place or file; a Keras model has no links");
            }
            String child = budget.name(n.getName(), n.getPath());
            if (n.getType() == NodeType.GROUP) {
                groups.add(group((Group) n, child, depth + 1, budget));
            } else if (n.getType() == NodeType.DATASET) {
                H5Dataset d = dataset((Dataset) n, child, budget);
                if (d != null) {
                    datasets.add(d);
                }
            }
        }
        return new H5Group(name, attributes, groups, datasets);
    }

    /** The node's string attributes (scalar, or a list joined by spaces); others are left out. */
    private static Map<String, String> attributes(Node n, Budget budget) throws ModelImportException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Attribute a : n.getAttributes().values()) {
            if (a.getJavaType() != String.class || a.getDimensions().length > 1) {
                continue;
            }
            String name = budget.name(a.getName(), n.getPath() + " attribute");
            budget.fits(a.getSizeInBytes(), n.getPath() + " attribute " + name); // before jHDF reads it
            Object data = a.getData();
            String value = data instanceof String s ? s : data instanceof String[] list ? String.join(" ", list) : null;
            if (value == null) {
                continue;
            }
            budget.chars(value.length(), n.getPath() + " attribute " + name);
            if (value.indexOf('\0') >= 0) {
                throw budget.refuse("the attribute " + name + " of " + n.getPath() + " holds a NUL character");
            }
            out.put(name, value);
        }
        return out;
    }

    /** A float or double dataset of rank 1 to 5 as float32 (what DL4J reads), else null (left out). */
    private static H5Dataset dataset(Dataset d, String name, Budget budget) throws ModelImportException {
        Class<?> t = d.getJavaType();
        int[] dims = d.getDimensions();
        if (t != float.class && t != double.class || dims.length < 1 || dims.length > 5 || d.isCompound()
                || d.isVariableLength()) {
            return null;
        }
        long n = 1;
        long[] ldims = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw budget.refuse("the dataset " + d.getPath() + " has a negative dimension");
            }
            ldims[i] = dims[i];
            n = Math.multiplyExact(n, dims[i]);
        }
        budget.values(n, d.getPath());
        Object data = d.getDataFlat();
        float[] values;
        if (data instanceof float[] f) {
            values = f;
        } else if (data instanceof double[] v) {
            values = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = (float) v[i];
            }
        } else {
            return null;
        }
        if (values.length != n) {
            throw budget.refuse("the dataset " + d.getPath() + " holds " + values.length + " values for dimensions "
                    + java.util.Arrays.toString(dims));
        }
        return new H5Dataset(name, ldims, values);
    }

    /** What has been read so far, against the bounds. */
    private static final class Budget {
        private final Path file;
        private int nodes;
        private long values;
        private long chars;

        Budget(Path file) {
            this.file = file;
        }

        ModelImportException refuse(String why) {
            return new ModelImportException(file, "the HDF5 file is not read: " + why);
        }

        void node(Node n) throws ModelImportException {
            if (++nodes > MAX_NODES) {
                throw refuse("it has more than " + MAX_NODES + " groups and datasets");
            }
        }

        void values(long n, String where) throws ModelImportException {
            values += n;
            if (values > MAX_VALUES) {
                throw refuse("its datasets hold more than " + MAX_VALUES + " values (at " + where + ")");
            }
        }

        void chars(long n, String where) throws ModelImportException {
            fits(n, where);
            chars += n;
        }

        /** Whether {@code n} more characters stay within the bound, without counting them. */
        void fits(long n, String where) throws ModelImportException {
            if (n < 0 || n > MAX_ATTRIBUTE_CHARS - chars) {
                throw refuse("its string attributes hold more than " + MAX_ATTRIBUTE_CHARS + " characters (at "
                        + where + ")");
            }
        }

        String name(String name, String where) throws ModelImportException {
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS || name.indexOf('/') >= 0
                    || name.indexOf('\0') >= 0 || name.equals(".")) {
                throw refuse("a name at " + where + " is empty, longer than " + MAX_NAME_CHARS
                        + " characters, or holds '/' or NUL");
            }
            return name;
        }
    }
}
