package io.zkml.workbench.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Dataset} in the format {@link CsvDatasetReader} reads. Values use Java's
 * shortest round-tripping decimal form, so reading the file back gives identical floats.
 */
public final class CsvDatasetWriter {

    public void write(Dataset data, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", data.featureNames()));
            w.write(',');
            w.write(data.task().columnName());
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < data.size(); i++) {
                sb.setLength(0);
                for (float v : data.features()[i]) {
                    sb.append(format(v)).append(',');
                }
                if (data.task() == TaskKind.CLASSIFICATION) {
                    sb.append(data.labels()[i]);
                } else {
                    sb.append(format(data.targets()[i]));
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    // Whole numbers (pixels, ages, targets) print without a trailing ".0" to keep files readable.
    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String format(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }
}
