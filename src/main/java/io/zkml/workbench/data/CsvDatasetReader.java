package io.zkml.workbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the workbench's sample CSV format: a header row of feature names whose last column is
 * {@code label} (integer class index, classification) or {@code target} (real number,
 * regression), then one comma-separated row per sample. Blank lines are ignored; files ending
 * in {@code .gz} are decompressed. No quoting: feature names and values never contain commas.
 */
public final class CsvDatasetReader {

    /** Longest line read (a row of 784 pixels takes a few kilobytes). */
    public static final int MAX_LINE_CHARS = 1 << 20;
    /** Most characters read, blank lines included. */
    public static final long MAX_CHARS = 1L << 30;
    /** Most values (rows times columns) held: what the IDX reader holds. */
    public static final long MAX_VALUES = IdxReader.DEFAULT_MAX_VALUES;

    private final long maxValues;
    private final long maxChars;

    public CsvDatasetReader() {
        this(MAX_VALUES, MAX_CHARS);
    }

    /** A reader with other bounds (tests reach them without gigabytes). */
    CsvDatasetReader(long maxValues, long maxChars) {
        this.maxValues = maxValues;
        this.maxChars = maxChars;
    }

    /** Reads {@code file}; class names, which the format does not carry, are left empty. */
    public Dataset read(Path file) throws DatasetException {
        return read(file, List.of());
    }

    /**
     * Reads {@code file} and, for classification data, attaches {@code classNames}; a label
     * outside them is reported as a malformed row.
     */
    public Dataset read(Path file, List<String> classNames) throws DatasetException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(file, new BoundedLines(reader, file, MAX_LINE_CHARS, maxChars), classNames);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, 0, null, "file not found", e);
        } catch (IOException e) {
            throw new DatasetException(file, 0, null, "cannot read file: " + e.getMessage(), e);
        }
    }

    private Dataset parse(Path file, BoundedLines reader, List<String> classNames)
            throws IOException, DatasetException {
        String headerLine = reader.next();
        int lineNo = 1;
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = reader.next();
            lineNo++;
        }
        if (headerLine == null) {
            throw new DatasetException(file, 0, null, "file is empty; expected a header row");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        String[] header = split(headerLine);
        TaskKind task = parseHeader(file, lineNo, header);
        List<String> featureNames = List.of(header).subList(0, header.length - 1);
        int columns = header.length;

        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        String line;
        while ((line = reader.next()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length != columns) {
                throw new DatasetException(file, lineNo, null, "expected " + columns
                        + " comma-separated values (" + (columns - 1) + " features and "
                        + task.columnName() + ") but found " + cells.length);
            }
            if ((long) (rows.size() + 1) * columns > maxValues) {
                throw new DatasetException(file, lineNo, null, "the file holds more than " + maxValues
                        + " values; a dataset the workbench reads is smaller (use a sample of it)");
            }
            float[] row = new float[columns - 1];
            for (int c = 0; c < columns - 1; c++) {
                row[c] = parseFeature(file, lineNo, c, header[c], cells[c]);
            }
            String last = cells[columns - 1];
            String lastColumn = columns + " (" + task.columnName() + ")";
            if (task == TaskKind.CLASSIFICATION) {
                labels.add(parseLabel(file, lineNo, lastColumn, last, classNames));
            } else {
                double t = parseNumber(file, lineNo, lastColumn, last);
                targets.add(t);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DatasetException(file, 0, null, "no data rows after the header");
        }
        float[][] features = rows.toArray(new float[0][]);
        if (task == TaskKind.CLASSIFICATION) {
            int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
            return Dataset.classification(featureNames, classNames, features, l);
        }
        double[] t = targets.stream().mapToDouble(Double::doubleValue).toArray();
        return Dataset.regression(featureNames, features, t);
    }

    private static TaskKind parseHeader(Path file, int lineNo, String[] header) throws DatasetException {
        if (header.length < 2) {
            throw new DatasetException(file, lineNo, null,
                    "header needs at least one feature name and a final 'label' or 'target' column");
        }
        String last = header[header.length - 1];
        TaskKind task = null;
        for (TaskKind k : TaskKind.values()) {
            if (k.columnName().equalsIgnoreCase(last)) {
                task = k;
            }
        }
        if (task == null) {
            throw new DatasetException(file, lineNo, header.length + " (" + last + ")",
                    "last header column must be 'label' (classification) or 'target' (regression)");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.length - 1; c++) {
            if (header[c].isEmpty()) {
                throw new DatasetException(file, lineNo, String.valueOf(c + 1), "empty feature name");
            }
            if (!seen.add(header[c])) {
                throw new DatasetException(file, lineNo, String.valueOf(c + 1),
                        "duplicate feature name '" + header[c] + "'");
            }
        }
        return task;
    }

    private static float parseFeature(Path file, int lineNo, int c, String name, String cell)
            throws DatasetException {
        String column = (c + 1) + " (" + name + ")";
        parseNumber(file, lineNo, column, cell);
        // Parsed again as float directly: going through double could round twice.
        float f = Float.parseFloat(cell);
        if (Float.isInfinite(f)) {
            throw new DatasetException(file, lineNo, column, "value '" + cell + "' is too large for a float");
        }
        return f;
    }

    private static double parseNumber(Path file, int lineNo, String column, String cell)
            throws DatasetException {
        if (cell.isEmpty()) {
            throw new DatasetException(file, lineNo, column, "missing value");
        }
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DatasetException(file, lineNo, column, "'" + cell + "' is not a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new DatasetException(file, lineNo, column, "value '" + cell + "' is not finite");
        }
        return v;
    }

    private static int parseLabel(Path file, int lineNo, String column, String cell, List<String> classNames)
            throws DatasetException {
        int label;
        try {
            label = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new DatasetException(file, lineNo, column,
                    "label '" + cell + "' is not a class index (a whole number from 0)", e);
        }
        if (label < 0) {
            throw new DatasetException(file, lineNo, column, "label " + label + " is negative");
        }
        if (!classNames.isEmpty() && label >= classNames.size()) {
            throw new DatasetException(file, lineNo, column, "label " + label + " is outside the "
                    + classNames.size() + " classes " + classNames);
        }
        return label;
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }
}
