package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;

import java.nio.file.Path;

/**
 * Outcome of training one sample.
 *
 * @param testMetric          accuracy (0..1) or MAE on the whole test split, measured by reloading the written zip
 * @param committedTestMetric the same on the committed test CSV (equal to {@code testMetric} unless
 *                            only part of the test split is committed, as for Fashion-MNIST)
 */
public record TrainingReport(String name, TaskKind task, long parameters, double testMetric,
                             int trainRows, int testRows, double committedTestMetric, int committedTestRows,
                             Path modelFile, long trainMillis) {

    public String metricName() {
        return task == TaskKind.CLASSIFICATION ? "test accuracy" : "test MAE";
    }

    @Override
    public String toString() {
        String committed = committedTestRows == testRows ? ""
                : String.format(" (committed %d rows: %s)", committedTestRows, format(committedTestMetric));
        return String.format("%-20s params=%-5d %s=%s%s train/test=%d/%d  %d ms  -> %s",
                name, parameters, metricName(), format(testMetric), committed, trainRows, testRows, trainMillis,
                modelFile);
    }

    private String format(double metric) {
        return task == TaskKind.CLASSIFICATION
                ? String.format("%.4f (%.2f%%)", metric, 100 * metric)
                : String.format("%.4f", metric);
    }
}
