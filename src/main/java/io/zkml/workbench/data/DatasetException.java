package io.zkml.workbench.data;

import java.nio.file.Path;

/**
 * A dataset file that cannot be read. The message is meant for users: it names the file and,
 * when known, the line (1-based, counting the header) and column.
 */
public class DatasetException extends Exception {

    private final Path file;
    private final int line;
    private final String column;

    public DatasetException(Path file, int line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    public DatasetException(Path file, int line, String column, String problem, Throwable cause) {
        super(describe(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file, or null when the data did not come from a file. */
    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }

    /** Column name (or position) at fault, or null. */
    public String column() {
        return column;
    }

    private static String describe(Path file, int line, String column, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<data>" : file.toString());
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column ").append(column);
        }
        return sb.append(": ").append(problem).toString();
    }
}
