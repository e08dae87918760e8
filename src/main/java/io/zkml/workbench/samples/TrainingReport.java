package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;

import java.nio.file.Path;

/**
 * Outcome of training one sample.
 *
 * @param testMetric accuracy (0..1) or MAE, measured by reloading the written zip and test CSV
 */
public record TrainingReport(String name, TaskKind task, long parameters, double testMetric,
                             int trainRows, int testRows, Path modelFile, long trainMillis) {

    public String metricName() {
        return task == TaskKind.CLASSIFICATION ? "test accuracy" : "test MAE";
    }

    @Override
    public String toString() {
        String metric = task == TaskKind.CLASSIFICATION
                ? String.format("%.4f (%.2f%%)", testMetric, 100 * testMetric)
                : String.format("%.4f", testMetric);
        return String.format("%-20s params=%-5d %s=%s train/test=%d/%d  %d ms  -> %s",
                name, parameters, metricName(), metric, trainRows, testRows, trainMillis, modelFile);
    }
}
