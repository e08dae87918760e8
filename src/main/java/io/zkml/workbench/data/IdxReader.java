package io.zkml.workbench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the MNIST / Fashion-MNIST format), plain or gzipped, and pairs an
 * image file with its label file as a {@link Dataset}.
 *
 * <p>IDX: two zero bytes, a type byte, the number of dimensions, then each dimension as a
 * big-endian int32, then the values. The file may come from anyone, so the declared size is
 * checked against a cap before anything is allocated, and exactly that many bytes are read: a
 * gzip stream that inflates to more is refused after one byte too many, never decompressed in full.
 */
public final class IdxReader {

    /** Type byte of unsigned 8-bit values, the only type MNIST-style files use. */
    static final int UNSIGNED_BYTE = 0x08;

    /** Enough for Fashion-MNIST's training images (60,000 × 28 × 28 = 47,040,000 bytes) with room to spare. */
    public static final long DEFAULT_MAX_VALUES = 64L << 20;

    private static final int MAX_DIMENSIONS = 4;

    private final long maxValues;

    public IdxReader() {
        this(DEFAULT_MAX_VALUES);
    }

    /** @param maxValues the most values (bytes of data) a file may declare; one Java array holds them */
    public IdxReader(long maxValues) {
        if (maxValues < 1 || maxValues > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxValues must be 1 to 2^31 - 9: " + maxValues);
        }
        this.maxValues = maxValues;
    }

    /** One IDX file's contents: its dimensions (outermost first) and its values in row-major order. */
    public record IdxArray(List<Integer> dimensions, byte[] values) {

        public IdxArray {
            dimensions = List.copyOf(dimensions);
        }

        /** Number of items along the first dimension (images, labels). */
        public int count() {
            return dimensions.get(0);
        }

        /** Values per item: the product of the other dimensions (784 for a 28 × 28 image). */
        public int itemSize() {
            return dimensions.stream().skip(1).reduce(1, Math::multiplyExact);
        }

        /** The value at flat position {@code i}, as the unsigned number it stands for. */
        public int unsigned(int i) {
            return values[i] & 0xFF;
        }
    }

    public IdxArray read(Path file) throws DatasetException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzipped = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzipped ? new GZIPInputStream(raw) : raw) {
                return parse(file, new DataInputStream(in));
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, 0, null, "file not found", e);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            // A corrupt gzip stream lands here (ZipException, or EOF inside the compressed data).
            throw new DatasetException(file, 0, null, "cannot read the IDX file: " + e.getMessage()
                    + "; the file may be damaged, download it again", e);
        }
    }

    /**
     * Images and labels as a classification dataset, one feature per pixel named
     * {@code pixel_<row>_<column>} (the digits sample's convention), values 0–255 as they are stored.
     */
    public Dataset readClassification(Path images, Path labels, List<String> classNames) throws DatasetException {
        IdxArray x = read(images);
        IdxArray y = read(labels);
        if (x.dimensions().size() != 3) {
            throw new DatasetException(images, 0, null, "expected images (3 dimensions: count, rows, columns) but the"
                    + " file declares " + x.dimensions().size() + " dimensions " + x.dimensions());
        }
        if (y.dimensions().size() != 1) {
            throw new DatasetException(labels, 0, null, "expected labels (1 dimension) but the file declares "
                    + y.dimensions().size() + " dimensions " + y.dimensions());
        }
        if (x.count() != y.count()) {
            throw new DatasetException(labels, 0, null, y.count() + " labels for the " + x.count() + " images in "
                    + images.getFileName() + "; pair each image file with its own label file");
        }
        int n = x.count();
        int size = x.itemSize();
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = y.unsigned(i);
            if (label[i] >= classNames.size()) {
                throw new DatasetException(labels, 0, null, "label " + label[i] + " of item " + i
                        + " is outside the " + classNames.size() + " classes " + classNames);
            }
        }
        float[][] features = new float[n][size];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < size; j++) {
                features[i][j] = x.unsigned(i * size + j);
            }
        }
        return Dataset.classification(pixelNames(x.dimensions().get(1), x.dimensions().get(2)), classNames,
                features, label);
    }

    /** {@code pixel_<row>_<column>}, row by row. */
    public static List<String> pixelNames(int rows, int columns) {
        return IntStream.range(0, rows * columns).mapToObj(i -> "pixel_" + (i / columns) + "_" + (i % columns))
                .toList();
    }

    private IdxArray parse(Path file, DataInputStream in) throws IOException, DatasetException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new DatasetException(file, 0, null, "not an IDX file: it is only " + got + " bytes long");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DatasetException(file, 0, null, String.format(Locale.ROOT,
                    "not an IDX file: it starts with %02X %02X, an IDX file with 00 00", magic[0], magic[1]));
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(file, 0, null, String.format(Locale.ROOT,
                    "IDX value type 0x%02X is not supported; only unsigned bytes (0x08, as in MNIST) are", type));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw new DatasetException(file, 0, null, "the header declares " + rank
                    + " dimensions; an IDX image or label file has 1 to " + MAX_DIMENSIONS);
        }
        Integer[] dims = new Integer[rank];
        long total = 1;
        for (int d = 0; d < rank; d++) {
            int size;
            try {
                size = in.readInt();
            } catch (EOFException e) {
                throw new DatasetException(file, 0, null, "truncated: the file ends inside the header (dimension "
                        + (d + 1) + " of " + rank + ")", e);
            }
            if (size < 1) {
                throw new DatasetException(file, 0, null, "dimension " + (d + 1) + " is " + size
                        + "; every dimension must be at least 1");
            }
            dims[d] = size;
            // Compared before multiplying, so the product can never overflow a long.
            if (size > maxValues / total) {
                throw new DatasetException(file, 0, null, "the header declares " + describe(dims, d + 1)
                        + " values, more than the " + String.format(Locale.ROOT, "%,d", maxValues)
                        + " this reader accepts; this is not an MNIST-sized file");
            }
            total *= size;
        }
        byte[] values = new byte[(int) total];
        int read = in.readNBytes(values, 0, values.length);
        if (read < values.length) {
            throw new DatasetException(file, 0, null, String.format(Locale.ROOT,
                    "truncated: the header declares %s = %,d values but the file holds only %,d;"
                            + " download it again", describe(dims, rank), total, read));
        }
        if (in.read() != -1) {
            throw new DatasetException(file, 0, null, String.format(Locale.ROOT,
                    "the file holds more than the %s = %,d values its header declares", describe(dims, rank), total));
        }
        return new IdxArray(List.of(dims), values);
    }

    private static String describe(Integer[] dims, int upTo) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < upTo; d++) {
            if (d > 0) {
                sb.append(" × ");
            }
            sb.append(String.format(Locale.ROOT, "%,d", dims[d]));
        }
        return sb.toString();
    }
}
