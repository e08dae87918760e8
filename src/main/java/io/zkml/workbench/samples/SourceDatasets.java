package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The public datasets the samples are trained on, bundled as resources in the formats scikit-learn
 * ships them (see {@code datasets/README.md} next to them for sources and licences). Feature names
 * follow scikit-learn's, in snake_case so they can become program identifiers.
 */
public final class SourceDatasets {

    private static final String DIR = "datasets/";

    public static final List<String> IRIS_FEATURES =
            List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    public static final List<String> WINE_FEATURES = List.of(
            "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
            "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
            "od280_od315_of_diluted_wines", "proline");

    public static final List<String> BREAST_CANCER_FEATURES = breastCancerFeatures();

    public static final List<String> DIABETES_FEATURES =
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    public static final List<String> DIGITS_FEATURES = IntStream.range(0, 64)
            .mapToObj(i -> "pixel_" + (i / 8) + "_" + (i % 8)).toList();

    public static final List<String> DIGITS_CLASSES =
            IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private SourceDatasets() {
    }

    public static Dataset iris() {
        return sklearnCsv("iris.csv", IRIS_FEATURES);
    }

    public static Dataset breastCancer() {
        return sklearnCsv("breast_cancer.csv", BREAST_CANCER_FEATURES);
    }

    public static Dataset wine() {
        return sklearnCsv("wine_data.csv", WINE_FEATURES);
    }

    public static Dataset digits() {
        List<String[]> rows = rows("digits.csv.gz", ",");
        float[][] x = new float[rows.size()][64];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            for (int j = 0; j < 64; j++) {
                x[i][j] = Float.parseFloat(r[j]);
            }
            y[i] = Integer.parseInt(r[64]);
        }
        return Dataset.classification(DIGITS_FEATURES, DIGITS_CLASSES, x, y);
    }

    public static Dataset diabetes() {
        List<String[]> data = rows("diabetes_data_raw.csv.gz", " +");
        List<String[]> target = rows("diabetes_target.csv.gz", " +");
        if (data.size() != target.size()) {
            throw new IllegalStateException("diabetes: " + data.size() + " rows but " + target.size() + " targets");
        }
        float[][] x = new float[data.size()][DIABETES_FEATURES.size()];
        double[] y = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = Float.parseFloat(data.get(i)[j]);
            }
            y[i] = Double.parseDouble(target.get(i)[0]);
        }
        return Dataset.regression(DIABETES_FEATURES, x, y);
    }

    /** Header {@code n_samples,n_features,class names...}, then features and class index per row. */
    private static Dataset sklearnCsv(String file, List<String> featureNames) {
        List<String[]> rows = rows(file, ",");
        String[] header = rows.remove(0);
        int n = Integer.parseInt(header[0]);
        int f = Integer.parseInt(header[1]);
        if (n != rows.size() || f != featureNames.size()) {
            throw new IllegalStateException(file + ": header says " + n + "x" + f + " but found "
                    + rows.size() + " rows and " + featureNames.size() + " expected features");
        }
        List<String> classes = List.of(header).subList(2, header.length);
        float[][] x = new float[n][f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            for (int j = 0; j < f; j++) {
                x[i][j] = Float.parseFloat(r[j]);
            }
            y[i] = Integer.parseInt(r[f]);
        }
        return Dataset.classification(featureNames, classes, x, y);
    }

    private static List<String[]> rows(String file, String separator) {
        InputStream raw = SourceDatasets.class.getResourceAsStream(DIR + file);
        if (raw == null) {
            throw new IllegalStateException("bundled dataset missing from the classpath: " + DIR + file);
        }
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line.trim().split(separator));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading bundled dataset " + file, e);
        }
    }

    private static List<String> breastCancerFeatures() {
        List<String> base = List.of("radius", "texture", "perimeter", "area", "smoothness",
                "compactness", "concavity", "concave_points", "symmetry", "fractal_dimension");
        List<String> names = new ArrayList<>();
        base.forEach(b -> names.add("mean_" + b));
        base.forEach(b -> names.add(b + "_error"));
        base.forEach(b -> names.add("worst_" + b));
        return List.copyOf(names);
    }
}
