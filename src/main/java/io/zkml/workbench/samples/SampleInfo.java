package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What the gallery and CLI show about a bundled sample, and the figure it is held to.
 *
 * @param expectedTestMetric test accuracy (0..1) for classification, mean absolute error in target
 *                           units for regression, as measured on the committed test CSV
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
        SampleFiles files) {

    public SampleInfo {
        classNames = List.copyOf(classNames);
    }

    /** File names of a sample, relative to the sample-models folder. */
    public record SampleFiles(String model, String trainCsv, String testCsv) {

        static SampleFiles forName(String name) {
            return new SampleFiles(name + ".zip", "data/" + name + "-train.csv", "data/" + name + "-test.csv");
        }
    }

    public String metricName() {
        return task == TaskKind.CLASSIFICATION ? "test accuracy" : "test MAE";
    }

    public String formattedMetric() {
        return task == TaskKind.CLASSIFICATION
                ? String.format("%.2f%%", 100 * expectedTestMetric)
                : String.format("%.2f", expectedTestMetric);
    }

    public Path modelPath(Path sampleDir) {
        return sampleDir.resolve(files.model());
    }

    public Path trainCsvPath(Path sampleDir) {
        return sampleDir.resolve(files.trainCsv());
    }

    public Path testCsvPath(Path sampleDir) {
        return sampleDir.resolve(files.testCsv());
    }
}
