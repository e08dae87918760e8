package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the gallery and CLI show about a bundled sample, and the figure it is held to.
 *
 * @param expectedTestMetric test accuracy (0..1) for classification, mean absolute error in target
 *                           units for regression, as measured on the committed test CSV
 * @param sourceTest         the figure on the source's whole test set when the committed test CSV is
 *                           only part of it (Fashion-MNIST: 10,000 images, 500 committed)
 * @param files              model zip, train CSV and test CSV, relative to the sample-models folder
 */
public record SampleInfo(
        String name,
        String useCase,
        String architecture,
        TaskKind task,
        ModelKind modelKind,
        NormalizerKind normalizer,
        List<String> classNames,
        long parameters,
        double expectedTestMetric,
        Optional<SourceTest> sourceTest,
        SampleFiles files) {

    public SampleInfo {
        classNames = List.copyOf(classNames);
    }

    /** A metric on a test set larger than the committed CSV, as the trainer measured it. */
    public record SourceTest(int rows, double metric) {
    }

    /**
     * File names of a sample, relative to the sample-models folder.
     *
     * @param trainCsv empty when the training split is too large to commit (it stays with its source)
     */
    public record SampleFiles(String model, Optional<String> trainCsv, String testCsv) {

        static SampleFiles forName(String name) {
            return new SampleFiles(name + ".zip", Optional.of("data/" + name + "-train.csv"),
                    "data/" + name + "-test.csv");
        }

        /** An ONNX sample: its model file, and the data of the DL4J sample it was written from. */
        static SampleFiles onnx(String name, String source) {
            return new SampleFiles(name + ".onnx", Optional.of("data/" + source + "-train.csv"),
                    "data/" + source + "-test.csv");
        }

        /** A model whose committed test rows are shared with other samples of the same source. */
        static SampleFiles sharedTest(String name, String testCsv) {
            return new SampleFiles(name + ".zip", Optional.empty(), testCsv);
        }
    }

    public String metricName() {
        return task == TaskKind.CLASSIFICATION ? "test accuracy" : "test MAE";
    }

    public String formattedMetric() {
        return format(expectedTestMetric);
    }

    /** The metric on the whole source test set when there is one, else on the committed CSV. */
    public String headlineMetric() {
        return sourceTest.map(t -> format(t.metric()) + String.format(Locale.ROOT, " on %,d test images", t.rows()))
                .orElse(formattedMetric());
    }

    private String format(double metric) {
        return task == TaskKind.CLASSIFICATION
                ? String.format(Locale.ROOT, "%.2f%%", 100 * metric)
                : String.format(Locale.ROOT, "%.2f", metric);
    }

    public Path modelPath(Path sampleDir) {
        return sampleDir.resolve(files.model());
    }

    public Optional<Path> trainCsvPath(Path sampleDir) {
        return files.trainCsv().map(sampleDir::resolve);
    }

    public Path testCsvPath(Path sampleDir) {
        return sampleDir.resolve(files.testCsv());
    }
}
