package io.zkml.workbench.ui;

import java.util.List;

/** The samples the start page offers, in display order. */
public record SampleGalleryModel(List<SampleModel> samples) {

    public SampleGalleryModel {
        samples = List.copyOf(samples);
    }

    /**
     * The project's bundled samples. Architecture and size describe the networks the built-in
     * {@link DemoGraphs} build; when the sample-model files land they must agree with these.
     */
    public static SampleGalleryModel builtIn() {
        return new SampleGalleryModel(List.of(
                new SampleModel("iris-mlp", "Teaching example: classify iris flowers",
                        "Dense 4→10→10→3, ReLU, softmax", "193 parameters"),
                new SampleModel("iris-tiny", "Smallest useful network; proves offline",
                        "Dense 4→4→3, ReLU, softmax", "35 parameters"),
                new SampleModel("breast-cancer-mlp", "Private medical diagnosis",
                        "Dense 30→16→8→2, ReLU, softmax", "650 parameters"),
                new SampleModel("digits-cnn", "Image check (KYC-style) on 8x8 digits",
                        "Conv 3x3×4 → pool → Conv 3x3×8 → pool → Dense 10", "666 parameters"),
                new SampleModel("diabetes-regression", "Score/price oracle: regression",
                        "Dense 10→16→1, ReLU, identity", "193 parameters"),
                new SampleModel("wine-mlp", "Exercises BatchNorm folding",
                        "Dense 13→16 → BatchNorm → ReLU → 3, softmax", "339 parameters")));
    }
}
