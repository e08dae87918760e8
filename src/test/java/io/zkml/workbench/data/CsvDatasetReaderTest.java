package io.zkml.workbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetReaderTest {

    @TempDir
    Path dir;

    private final CsvDatasetReader reader = new CsvDatasetReader();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsClassificationFile() throws Exception {
        Path p = file("iris.csv", "sepal_length,sepal_width,label\n5.1,3.5,0\n\n6.2, 2.9 ,2\r\n");
        Dataset d = reader.read(p, List.of("a", "b", "c"));
        assertEquals(TaskKind.CLASSIFICATION, d.task());
        assertEquals(List.of("sepal_length", "sepal_width"), d.featureNames());
        assertEquals(2, d.size());
        assertArrayEquals(new float[]{6.2f, 2.9f}, d.features()[1]);
        assertArrayEquals(new int[]{0, 2}, d.labels());
        assertEquals(3, d.numClasses());
        assertEquals(null, d.targets());
    }

    @Test
    void readsRegressionFile() throws Exception {
        Path p = file("reg.csv", "age,bmi,target\n59,32.1,151\n48,21.6,75.5\n");
        Dataset d = reader.read(p);
        assertEquals(TaskKind.REGRESSION, d.task());
        assertArrayEquals(new double[]{151, 75.5}, d.targets());
        assertEquals(0, d.numClasses());
    }

    @Test
    void readsGzippedFile() throws Exception {
        Path p = dir.resolve("x.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("a,label\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, reader.read(p).size());
    }

    @Test
    void nonNumericValueNamesFileLineAndColumn() throws Exception {
        Path p = file("bad.csv", "sepal_length,sepal_width,label\n5.1,3.5,0\n4.9,abc,1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(p));
        assertEquals(3, e.line());
        assertEquals("2 (sepal_width)", e.column());
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("column 2 (sepal_width)"), e.getMessage());
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
    }

    @Test
    void wrongColumnCountIsReportedWithLine() throws Exception {
        Path p = file("short.csv", "a,b,label\n1,2,0\n1,2,0\n1,2\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(p));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("line 4: expected 3 comma-separated values"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void badLabelsAreRejected() throws Exception {
        Path fractional = file("frac.csv", "a,label\n1,0.5\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(fractional));
        assertTrue(e.getMessage().contains("line 2, column 2 (label)"), e.getMessage());

        Path outOfRange = file("range.csv", "a,label\n1,0\n2,3\n");
        e = assertThrows(DatasetException.class, () -> reader.read(outOfRange, List.of("x", "y")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("outside the 2 classes"), e.getMessage());
    }

    @Test
    void missingAndNonFiniteValuesAreRejected() throws Exception {
        Path empty = file("empty-cell.csv", "a,b,target\n1,,2\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(empty));
        assertTrue(e.getMessage().contains("line 2, column 2 (b): missing value"), e.getMessage());

        Path nan = file("nan.csv", "a,target\nNaN,2\n");
        e = assertThrows(DatasetException.class, () -> reader.read(nan));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void headerMustEndInLabelOrTarget() throws Exception {
        Path p = file("hdr.csv", "a,b,class\n1,2,0\n");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(p));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());

        Path dup = file("dup.csv", "a,a,label\n1,2,0\n");
        e = assertThrows(DatasetException.class, () -> reader.read(dup));
        assertTrue(e.getMessage().contains("duplicate feature name 'a'"), e.getMessage());
    }

    @Test
    void emptyFilesAreRejected() throws Exception {
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(file("e.csv", "")));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> reader.read(file("h.csv", "a,label\n")));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        Path p = dir.resolve("nope.csv");
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(p));
        assertEquals(p, e.file());
        assertEquals(p + ": file not found", e.getMessage());
    }

    @Test
    void writerOutputReadsBackIdentically() throws Exception {
        float[][] x = {{0.1f, 1e-7f, 16f}, {-3.4028235e38f, 1.17549435e-38f, 0.33333334f}};
        Dataset cls = Dataset.classification(List.of("p", "q", "r"), List.of(), x, new int[]{1, 0});
        Dataset reg = Dataset.regression(List.of("p", "q", "r"), x, new double[]{151, 0.1 + 0.2});
        CsvDatasetWriter writer = new CsvDatasetWriter();
        for (Dataset d : List.of(cls, reg)) {
            Path p = dir.resolve(d.task() + ".csv");
            writer.write(d, p);
            assertEquals(d, reader.read(p));
        }
    }

    /** A dataset is a file from anyone: bounded in line length, characters and values, each named. */
    @Test
    void aLineLongerThanTheBoundIsRefusedBeforeItIsHeld() throws Exception {
        Path p = dir.resolve("bomb.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("a,label\n".getBytes(StandardCharsets.UTF_8));
            byte[] ones = new byte[64 * 1024];
            java.util.Arrays.fill(ones, (byte) '1');
            for (int i = 0; i <= CsvDatasetReader.MAX_LINE_CHARS / ones.length; i++) {
                out.write(ones); // one line of a million digits, a few kilobytes compressed
            }
        }
        DatasetException e = assertThrows(DatasetException.class, () -> reader.read(p));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("longer than "
                + CsvDatasetReader.MAX_LINE_CHARS + " characters"), e.getMessage());
    }

    @Test
    void moreCharactersOrValuesThanTheBoundsAreRefused() throws Exception {
        Path blank = file("blank.csv", "a,label\n" + "\n".repeat(2_000) + "1,0\n");
        DatasetException chars = assertThrows(DatasetException.class,
                () -> new CsvDatasetReader(1_000, 1_000).read(blank));
        assertTrue(chars.getMessage().contains("more than 1000 characters"), chars.getMessage());
        Path rows = file("rows.csv", "a,b,label\n" + "1,2,0\n".repeat(5));
        DatasetException values = assertThrows(DatasetException.class,
                () -> new CsvDatasetReader(12, 1L << 20).read(rows));
        assertTrue(values.getMessage().contains("line 6") && values.getMessage().contains("more than 12 values"),
                values.getMessage());
        assertEquals(4, new CsvDatasetReader(12, 1L << 20).read(file("four.csv", "a,b,label\n" + "1,2,0\n".repeat(4))).size());
    }
}
