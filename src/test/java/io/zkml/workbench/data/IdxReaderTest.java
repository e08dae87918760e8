package io.zkml.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written here byte by byte, well-formed and hostile, plain and gzipped. */
class IdxReaderTest {

    private static final List<String> THREE = List.of("a", "b", "c");

    @TempDir
    Path tmp;

    /** Header (type, dimensions) followed by {@code data}, exactly as given. */
    private static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    private static String failure(Path file, IdxReader reader) {
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsImagesPlainAndGzippedAlike() throws Exception {
        byte[] content = idx(0x08, new int[] {2, 3, 4}, ramp(24));
        for (boolean gzip : new boolean[] {false, true}) {
            IdxReader.IdxArray a = new IdxReader().read(write("images" + gzip, content, gzip));
            assertEquals(List.of(2, 3, 4), a.dimensions());
            assertEquals(2, a.count());
            assertEquals(12, a.itemSize());
            assertArrayEquals(ramp(24), a.values());
            assertEquals(37 * 7 % 256, a.unsigned(7), "values are unsigned");
        }
    }

    @Test
    void pairsImagesWithLabelsAsAPixelDataset() throws Exception {
        Path images = write("img.gz", idx(0x08, new int[] {3, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                (byte) 255}), true);
        Path labels = write("lab.gz", idx(0x08, new int[] {3}, new byte[] {2, 0, 1}), true);
        Dataset d = new IdxReader().readClassification(images, labels, THREE);
        assertEquals(List.of("pixel_0_0", "pixel_0_1", "pixel_1_0", "pixel_1_1"), d.featureNames());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertArrayEquals(new float[] {8, 9, 10, 255}, d.features()[2]);
        assertEquals(THREE, d.classNames());
    }

    @Test
    void wrongMagicIsNotAnIdxFile() throws Exception {
        Path zip = write("model.zip", new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 1, 9}, false);
        assertTrue(failure(zip, new IdxReader()).contains("not an IDX file: it starts with 50 4B"));
        Path tiny = write("tiny", new byte[] {0, 0}, false);
        assertTrue(failure(tiny, new IdxReader()).contains("only 2 bytes long"));
    }

    @Test
    void otherValueTypesAreRefusedByName() throws Exception {
        Path floats = write("floats", idx(0x0D, new int[] {1}, new byte[4]), false);
        assertTrue(failure(floats, new IdxReader()).contains("type 0x0D is not supported"));
    }

    @Test
    void truncatedDataSaysHowMuchWasDeclaredAndFound() throws Exception {
        byte[] whole = idx(0x08, new int[] {10, 28, 28}, ramp(7840));
        byte[] cut = Arrays.copyOf(whole, whole.length - 1000);
        for (boolean gzip : new boolean[] {false, true}) {
            String m = failure(write("cut" + gzip, cut, gzip), new IdxReader());
            assertTrue(m.contains("truncated: the header declares 10 × 28 × 28 = 7,840 values but the file holds only"
                    + " 6,840"), m);
        }
        String header = failure(write("header", Arrays.copyOf(whole, 9), false), new IdxReader());
        assertTrue(header.contains("ends inside the header (dimension 2 of 3)"), header);
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeAllocating() throws Exception {
        // 2^31-1 × 2^31-1 × 2^31-1 bytes declared, 16 present: refused from the header alone.
        int max = Integer.MAX_VALUE;
        String m = failure(write("huge", idx(0x08, new int[] {max, max, max}, new byte[16]), false), new IdxReader());
        assertTrue(m.contains("more than the 67,108,864 this reader accepts"), m);
        String capped = failure(write("capped", idx(0x08, new int[] {5, 5}, new byte[25]), false), new IdxReader(24));
        assertTrue(capped.contains("declares 5 × 5 values, more than the 24"), capped);
    }

    @Test
    void badDimensionCountsAndSizesAreRefused() throws Exception {
        assertTrue(failure(write("rank0", idx(0x08, new int[0], new byte[0]), false), new IdxReader())
                .contains("declares 0 dimensions"));
        assertTrue(failure(write("rank5", idx(0x08, new int[] {1, 1, 1, 1, 1}, new byte[1]), false), new IdxReader())
                .contains("declares 5 dimensions"));
        assertTrue(failure(write("zero", idx(0x08, new int[] {3, 0}, new byte[0]), false), new IdxReader())
                .contains("dimension 2 is 0"));
        assertTrue(failure(write("negative", idx(0x08, new int[] {-4}, new byte[0]), false), new IdxReader())
                .contains("dimension 1 is -4"));
    }

    @Test
    void aGzipBombIsStoppedOneByteAfterTheDeclaredData() throws Exception {
        // Declares 4 values, inflates to 64 MB of zeros: refused without inflating it all.
        Path bomb = tmp.resolve("bomb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(idx(0x08, new int[] {4}, new byte[4]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 200_000, "the bomb compresses well");
        assertTrue(failure(bomb, new IdxReader()).contains("holds more than the 4 = 4 values its header declares"));
    }

    @Test
    void aDamagedGzipStreamSaysSo() throws Exception {
        byte[] gz = Files.readAllBytes(write("ok.gz", idx(0x08, new int[] {100}, ramp(100)), true));
        byte[] damaged = Arrays.copyOf(gz, gz.length - 12);
        Path file = tmp.resolve("damaged.gz");
        Files.write(file, damaged);
        String m = failure(file, new IdxReader());
        assertTrue(m.contains("cannot read the IDX file") || m.contains("truncated"), m);
    }

    @Test
    void labelsMustMatchTheImagesAndTheClasses() throws Exception {
        Path images = write("img", idx(0x08, new int[] {2, 1, 1}, new byte[] {1, 2}), false);
        Path three = write("three", idx(0x08, new int[] {3}, new byte[] {0, 1, 2}), false);
        DatasetException count = assertThrows(DatasetException.class,
                () -> new IdxReader().readClassification(images, three, THREE));
        assertEquals(three, count.file());
        assertTrue(count.getMessage().contains("3 labels for the 2 images in img"), count.getMessage());

        Path outside = write("outside", idx(0x08, new int[] {2}, new byte[] {0, 7}), false);
        DatasetException label = assertThrows(DatasetException.class,
                () -> new IdxReader().readClassification(images, outside, THREE));
        assertTrue(label.getMessage().contains("label 7 of item 1 is outside the 3 classes"), label.getMessage());

        DatasetException swapped = assertThrows(DatasetException.class,
                () -> new IdxReader().readClassification(three, images, THREE));
        assertTrue(swapped.getMessage().contains("expected images (3 dimensions"), swapped.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path none = tmp.resolve("t10k-images-idx3-ubyte.gz");
        assertTrue(failure(none, new IdxReader()).endsWith("file not found"));
    }
}
