package io.zkml.workbench.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * The lines of a text from anyone, within bounds: a line longer than {@code maxLineChars}, or more than
 * {@code maxChars} in all (a small gzip can unpack to gigabytes of one line, or of blank lines), ends in
 * a {@link DatasetException} naming the file and the line instead of a string the heap cannot hold or a
 * read that does not end. Lines end at {@code \n}; a {@code \r} before it is dropped.
 */
final class BoundedLines {

    private final Reader in;
    private final Path file;
    private final int maxLineChars;
    private final long maxChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long total;
    private int line;

    BoundedLines(Reader in, Path file, int maxLineChars, long maxChars) {
        this.in = in;
        this.file = file;
        this.maxLineChars = maxLineChars;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the text. */
    String next() throws IOException, DatasetException {
        StringBuilder sb = null;
        while (true) {
            if (pos == len) {
                len = Math.max(0, in.read(buf, 0, buf.length));
                pos = 0;
                if (len == 0) {
                    if (sb == null) {
                        return null;
                    }
                    line++;
                    return sb.toString();
                }
                total += len;
                if (total > maxChars) {
                    throw new DatasetException(file, line + 1, null, "the file holds more than " + maxChars
                            + " characters; a dataset the workbench reads is smaller (use a sample of it)");
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            if (sb.length() + (pos - start) > maxLineChars + 1) { // + 1: a '\r' before the '\n'
                throw new DatasetException(file, line + 1, null, "the line is longer than " + maxLineChars
                        + " characters");
            }
            sb.append(buf, start, pos - start);
            if (pos < len) {
                pos++;
                line++;
                int l = sb.length();
                if (l > 0 && sb.charAt(l - 1) == '\r') {
                    sb.setLength(l - 1);
                }
                return sb.toString();
            }
        }
    }
}
