package io.zkml.workbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small text file from anyone (a project, a quant spec, an export's files) with a bound on its
 * size, checked before and while it is read: a file of gigabytes ends in an {@link IOException} saying so,
 * not in an {@link OutOfMemoryError} of the whole workbench.
 */
public final class BoundedText {

    /** Most bytes of a project, a spec or an export's text file (a Fashion-MNIST program is 3 MB). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private BoundedText() {
    }

    /** {@code file} as UTF-8, at most {@link #MAX_BYTES}. */
    public static String read(Path file) throws IOException {
        return read(file, MAX_BYTES);
    }

    /** {@code file} as UTF-8, at most {@code maxBytes} (a file that grows while read is held to it too). */
    public static String read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException("the file is " + size + " bytes, more than the " + maxBytes + " read from such a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException("the file grew past the " + maxBytes + " bytes read from such a file while read");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

}
