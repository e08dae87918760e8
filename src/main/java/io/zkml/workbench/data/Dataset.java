package io.zkml.workbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small in-memory table: one row of features per sample plus either a class label
 * (classification) or a real target (regression). Exactly one of {@code labels} and
 * {@code targets} is non-null, matching {@code task}.
 *
 * <p>Arrays are not copied: treat a Dataset as immutable once built.
 */
public record Dataset(
        TaskKind task,
        List<String> featureNames,
        List<String> classNames,
        float[][] features,
        int[] labels,
        double[] targets) {

    public Dataset {
        Objects.requireNonNull(task, "task");
        featureNames = List.copyOf(featureNames);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        Objects.requireNonNull(features, "features");
        int n = features.length;
        for (int i = 0; i < n; i++) {
            if (features[i].length != featureNames.size()) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length
                        + " features, expected " + featureNames.size());
            }
        }
        if (task == TaskKind.CLASSIFICATION) {
            if (labels == null || targets != null) {
                throw new IllegalArgumentException("classification data needs labels and no targets");
            }
            if (labels.length != n) {
                throw new IllegalArgumentException(labels.length + " labels for " + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || (!classNames.isEmpty() && labels[i] >= classNames.size())) {
                    throw new IllegalArgumentException("row " + i + " has label " + labels[i]
                            + " outside the " + classNames.size() + " classes");
                }
            }
        } else {
            if (targets == null || labels != null) {
                throw new IllegalArgumentException("regression data needs targets and no labels");
            }
            if (targets.length != n) {
                throw new IllegalArgumentException(targets.length + " targets for " + n + " rows");
            }
            if (!classNames.isEmpty()) {
                throw new IllegalArgumentException("regression data has no class names");
            }
        }
    }

    public static Dataset classification(List<String> featureNames, List<String> classNames,
                                         float[][] features, int[] labels) {
        return new Dataset(TaskKind.CLASSIFICATION, featureNames, classNames, features, labels, null);
    }

    public static Dataset regression(List<String> featureNames, float[][] features, double[] targets) {
        return new Dataset(TaskKind.REGRESSION, featureNames, List.of(), features, null, targets);
    }

    public int size() {
        return features.length;
    }

    public int numFeatures() {
        return featureNames.size();
    }

    /** Number of classes: the class names if given, otherwise one more than the largest label. */
    public int numClasses() {
        if (task != TaskKind.CLASSIFICATION) {
            return 0;
        }
        if (!classNames.isEmpty()) {
            return classNames.size();
        }
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        float[][] f = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            f[i] = features[indices[i]].clone();
        }
        if (task == TaskKind.CLASSIFICATION) {
            int[] l = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                l[i] = labels[indices[i]];
            }
            return classification(featureNames, classNames, f, l);
        }
        double[] t = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            t[i] = targets[indices[i]];
        }
        return regression(featureNames, f, t);
    }

    /** Same rows with class names attached (e.g. from the sample catalogue; CSVs carry only indices). */
    public Dataset withClassNames(List<String> names) {
        return new Dataset(task, featureNames, names, features, labels, targets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d
                && task == d.task
                && featureNames.equals(d.featureNames)
                && classNames.equals(d.classNames)
                && Arrays.deepEquals(features, d.features)
                && Arrays.equals(labels, d.labels)
                && Arrays.equals(targets, d.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, featureNames, classNames, Arrays.deepHashCode(features),
                Arrays.hashCode(labels), Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        return "Dataset[" + task + ", " + size() + " rows x " + numFeatures() + " features"
                + (task == TaskKind.CLASSIFICATION ? ", " + numClasses() + " classes" : "") + "]";
    }
}
