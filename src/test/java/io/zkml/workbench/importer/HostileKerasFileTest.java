package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.io.FileHashes;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.global.hdf5;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras .h5 is attacker-controlled input, and the native HDF5 library under DL4J's Keras import trusts
 * a file's structure: mutated copies of a valid file crashed the JVM in it (SIGSEGV in libhdf5 within a
 * few hundred cases; its heap corrupted by DL4J's fixed attribute buffers once that was avoided). The
 * importer reads the file with jHDF and hands DL4J the JSON and the weights, never the file
 * ({@link KerasH5Reader}); every case must end in a model or a clear error, and a crash would end this
 * test's JVM. The time bounds are hang guards, not timing assertions.
 */
class HostileKerasFileTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final int CASES = 300;

    @TempDir
    Path dir;

    private final ModelImporter importer = new ModelImporter();
    private Path valid;

    @BeforeEach
    void validFile() {
        String config = "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"seq\",\"layers\":["
                + KerasImportTest.dense("hidden", 5, "relu", "\"batch_input_shape\":[null,4],") + "},"
                + KerasImportTest.dense("probs", 3, "softmax", "") + "}]},\"keras_version\":\"2.2.4\",\"backend\":\"tensorflow\"}";
        KerasH5Writer w = new KerasH5Writer();
        Random r = new Random(3);
        w.weight("hidden", "kernel", new long[] {4, 5}, values(r, 20));
        w.weight("hidden", "bias", new long[] {5}, values(r, 5));
        w.weight("probs", "kernel", new long[] {5, 3}, values(r, 15));
        w.weight("probs", "bias", new long[] {3}, values(r, 3));
        valid = dir.resolve("seq.h5");
        w.write(valid, config);
    }

    @Test
    void theValidFileImports() throws Exception {
        ModelGraph g = importer.importModel(valid);
        assertEquals(ModelGraph.SourceKind.KERAS_SEQUENTIAL, g.sourceKind());
        assertEquals(3, g.nodes().size());
    }

    @Test
    void mutatedKerasFilesEndInAModelOrAClearError() throws Exception {
        byte[] in = Files.readAllBytes(valid);
        Random r = new Random(20261207L);
        int imported = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] out = in.clone();
            switch (i % 3) {
                case 0 -> out = Arrays.copyOf(in, r.nextInt(in.length));
                case 1 -> {
                    for (int k = 1 + r.nextInt(8); k > 0; k--) {
                        out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                default -> {
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                    }
                }
            }
            Path f = Files.write(dir.resolve("case" + i + ".h5"), out);
            String hash = FileHashes.sha256(f);
            int n = i;
            Throwable t = null;
            try {
                assertTimeoutPreemptively(HANG_GUARD, () -> importer.importModel(f), "case " + n + " hung");
            } catch (org.opentest4j.AssertionFailedError hung) {
                throw hung;
            } catch (Throwable e) {
                t = e;
            }
            if (t == null) {
                imported++;
            } else if (t instanceof ModelImportException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "case " + i + ": an error without a message");
                refused++;
            } else {
                fail("case " + i + ": " + t.getClass().getName() + " is not a clear error: " + t.getMessage(), t);
            }
            assertEquals(hash, FileHashes.sha256(f), "case " + i + ": the file read was changed");
            Files.delete(f);
        }
        System.out.printf("[fuzz] %d mutated Keras files: %d imported, %d refused%n", CASES, imported, refused);
        assertEquals(CASES, imported + refused);
        assertTrue(refused > CASES / 4, "most mutations damage the structure: " + refused);
    }

    @Test
    void anExternalLinkIsRefusedNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.h5"), "not for the importer");
        edit(f -> {
            Group weights = f.openGroup("model_weights");
            hdf5.H5Lcreate_external(secret.toString(), "/", weights.getId(), "elsewhere", hdf5.H5P_DEFAULT(),
                    hdf5.H5P_DEFAULT());
            weights.close();
        });
        ModelImportException e = assertThrows(ModelImportException.class, () -> importer.importModel(valid));
        assertTrue(e.getMessage().contains("links /model_weights/elsewhere to another place or file"), e.getMessage());
    }

    @Test
    void aDatasetDeclaringMoreValuesThanTheBoundIsRefusedBeforeItIsRead() throws Exception {
        // Declared, never written: the file stays a few kilobytes, the values it declares are 2^28.
        edit(f -> {
            Group weights = f.openGroup("model_weights");
            long[] dims = {16_384, 16_384};
            DataSpace space = new DataSpace(2, dims);
            DataType type = new DataType(PredType.NATIVE_FLOAT());
            DataSet ds = weights.createDataSet("huge:0", type, space);
            ds.close();
            type.close();
            space.close();
            weights.close();
        });
        assertTrue(Files.size(valid) < 1_000_000, "the file is small: " + Files.size(valid));
        ModelImportException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(ModelImportException.class, () -> importer.importModel(valid)));
        assertTrue(e.getMessage().contains("its datasets hold more than " + KerasH5Reader.MAX_VALUES + " values"),
                e.getMessage());
    }

    @Test
    void aFileOverTheSizeBoundIsRefusedUnread() throws Exception {
        Path big = dir.resolve("big.h5");
        Files.write(big, Files.readAllBytes(valid));
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(KerasH5Reader.MAX_FILE_BYTES + 1); // sparse: no disk used
        }
        ModelImportException e = assertThrows(ModelImportException.class, () -> importer.importModel(big));
        assertTrue(e.getMessage().contains("more than the " + KerasH5Reader.MAX_FILE_BYTES), e.getMessage());
    }

    private interface Edit {
        void apply(H5File f);
    }

    /** Changes the valid file in place with the native library (how an attacker's tool would write it). */
    private void edit(Edit edit) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File f = new H5File(valid.toString(), hdf5.H5F_ACC_RDWR());
            try {
                edit.apply(f);
            } finally {
                f.close();
            }
        }
    }

    private static float[] values(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * 0.5f;
        }
        return v;
    }
}
