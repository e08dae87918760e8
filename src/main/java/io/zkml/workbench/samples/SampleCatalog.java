package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The bundled sample models, in gallery order. Parameter counts and test figures are the ones
 * {@link SampleTrainer} printed when the committed zips were trained (for the ONNX samples, what the
 * float interpreter measured on the written files); tests hold the files to them.
 */
public final class SampleCatalog {

    private static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    private static final List<SampleInfo> SAMPLES = List.of(
            sample("iris-mlp",
                    "Teaching example: classify an iris flower's species from four petal and sepal measurements.",
                    "MLP 4-16-3: Dense(16, ReLU) -> Output(3, softmax)",
                    TaskKind.CLASSIFICATION, ModelKind.MULTI_LAYER_NETWORK, NormalizerKind.STANDARDIZE,
                    IRIS_CLASSES, 131, 30.0 / 30),
            sample("iris-tiny",
                    "The smallest useful network: iris species from four measurements with only four hidden units.",
                    "MLP 4-4-3: Dense(4, ReLU) -> Output(3, softmax)",
                    TaskKind.CLASSIFICATION, ModelKind.MULTI_LAYER_NETWORK, NormalizerKind.STANDARDIZE,
                    IRIS_CLASSES, 35, 30.0 / 30),
            sample("breast-cancer-mlp",
                    "Medical diagnostics: tell malignant from benign breast tumours from 30 cell-nucleus measurements.",
                    "MLP 30-32-16-2: Dense(32, ReLU) -> Dense(16, ReLU) -> Output(2, softmax)",
                    TaskKind.CLASSIFICATION, ModelKind.MULTI_LAYER_NETWORK, NormalizerKind.STANDARDIZE,
                    List.of("malignant", "benign"), 1554, 109.0 / 113),
            sample("digits-cnn",
                    "Image / KYC-style check: recognise a handwritten digit in an 8x8 greyscale image.",
                    "CNN (ComputationGraph) 8x8x1: Conv 3x3x8 (stride 1, truncate, ReLU) -> MaxPool 2x2/2 -> Output(10, softmax)",
                    TaskKind.CLASSIFICATION, ModelKind.COMPUTATION_GRAPH, NormalizerKind.MIN_MAX,
                    SourceDatasets.DIGITS_CLASSES, 810, 349.0 / 359),
            sample("diabetes-regression",
                    "Health-risk regression: predict diabetes disease progression after one year from ten baseline measurements.",
                    "MLP regressor 10-16-1: Dense(16, ReLU) -> Output(1, identity, MSE)",
                    TaskKind.REGRESSION, ModelKind.MULTI_LAYER_NETWORK, NormalizerKind.STANDARDIZE,
                    List.of(), 193, 41.8238),
            sample("wine-mlp",
                    "Quality control: identify a wine's cultivar from 13 chemical measurements (exercises BatchNorm folding).",
                    "MLP 13-16-3 with BatchNorm: Dense(16, identity) -> BatchNorm -> ReLU -> Output(3, softmax)",
                    TaskKind.CLASSIFICATION, ModelKind.MULTI_LAYER_NETWORK, NormalizerKind.STANDARDIZE,
                    List.of("class_0", "class_1", "class_2"), 339, 36.0 / 36),
            fashion("fashion-mlp",
                    "MNIST-scale image classification: which of ten clothing items a 28x28 greyscale photo shows"
                            + " (Fashion-MNIST), with one small hidden layer.",
                    "MLP 784-16-10: Dense(16, ReLU) -> Output(10, softmax)",
                    ModelKind.MULTI_LAYER_NETWORK, 12730, 439.0 / 500, 0.8530),
            fashion("fashion-cnn",
                    "MNIST-scale image classification: which of ten clothing items a 28x28 greyscale photo shows"
                            + " (Fashion-MNIST), with a small CNN. Beyond one Aleo function today.",
                    "CNN (ComputationGraph) 28x28x1: Conv 3x3x4 (stride 1, truncate, ReLU) -> MaxPool 2x2/2 -> Output(10, softmax)",
                    ModelKind.COMPUTATION_GRAPH, 6810, 453.0 / 500, 0.8800),
            onnx("iris-onnx", "iris-mlp",
                    "ONNX import: the iris-mlp network as an ONNX model (Gemm, Relu, Softmax), its input"
                            + " standardisation folded into the first layer, so it reads the raw measurements.",
                    "ONNX MLP 4-16-3: Gemm(16) -> Relu -> Gemm(3) -> Softmax",
                    IRIS_CLASSES, 131, 30.0 / 30),
            onnx("digits-onnx", "digits-cnn",
                    "ONNX import: the digits-cnn network as an ONNX model over the NCHW 1x8x8 image, its pixel"
                            + " scaling folded into the convolution.",
                    "ONNX CNN 1x8x8: Conv 3x3x8 -> Relu -> MaxPool 2x2/2 -> Flatten -> Gemm(10) -> Softmax",
                    SourceDatasets.DIGITS_CLASSES, 810, 349.0 / 359));

    /** The Fashion-MNIST samples' committed test rows (50 per class), one file for both. */
    static final String FASHION_TEST_CSV = "data/fashion-mnist-test.csv";

    private SampleCatalog() {
    }

    public static List<SampleInfo> all() {
        return SAMPLES;
    }

    public static Optional<SampleInfo> find(String name) {
        return SAMPLES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static SampleInfo get(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("no sample named '" + name
                + "'; known: " + SAMPLES.stream().map(SampleInfo::name).toList()));
    }

    private static SampleInfo sample(String name, String useCase, String architecture, TaskKind task,
                                     ModelKind kind, NormalizerKind normalizer, List<String> classes,
                                     long parameters, double expectedTestMetric) {
        return new SampleInfo(name, useCase, architecture, task, kind, normalizer, classes,
                parameters, expectedTestMetric, Optional.empty(), SampleInfo.SampleFiles.forName(name));
    }

    /**
     * An ONNX sample written by {@link OnnxSamples} from the DL4J sample {@code source}, with its data; the
     * figure is the workbench's float interpreter's on the source's committed test CSV (held to ONNX
     * Runtime by the tests).
     */
    private static SampleInfo onnx(String name, String source, String useCase, String architecture,
                                   List<String> classes, long parameters, double accuracy) {
        return new SampleInfo(name, useCase, architecture, TaskKind.CLASSIFICATION, ModelKind.ONNX,
                NormalizerKind.FOLDED, classes, parameters, accuracy, Optional.empty(),
                SampleInfo.SampleFiles.onnx(name, source));
    }

    /**
     * A Fashion-MNIST sample: scored on the committed 500 test rows ({@code committedAccuracy}) and
     * by the trainer on all 10,000 test images ({@code fullAccuracy}).
     */
    private static SampleInfo fashion(String name, String useCase, String architecture, ModelKind kind,
                                      long parameters, double committedAccuracy, double fullAccuracy) {
        return new SampleInfo(name, useCase, architecture, TaskKind.CLASSIFICATION, kind, NormalizerKind.MIN_MAX,
                FashionMnist.CLASSES, parameters, committedAccuracy,
                Optional.of(new SampleInfo.SourceTest(10_000, fullAccuracy)),
                SampleInfo.SampleFiles.sharedTest(name, FASHION_TEST_CSV));
    }
}
