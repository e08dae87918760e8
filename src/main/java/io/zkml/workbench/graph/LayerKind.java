package io.zkml.workbench.graph;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one table of supported layer ops: one row per {@link LayerOp} variant, naming the source
 * layers the importer maps onto it and what the Aleo code generator makes of it. The importer's
 * error messages, {@code export.ModelCompiler}'s "supports" message and the README's list are
 * written from this table (a test holds the README to it); the stages dispatch through
 * {@link LayerOp.Visitor}, so a new op does not compile until each stage handles it.
 *
 * @param imported the DL4J layers (and other sources) that become this op, as a person reads them;
 *                 null for ops the importer makes from structure rather than from one layer
 * @param lowered  how the code generator lowers it, as the "supports" message says it
 */
public enum LayerKind {
    INPUT(null, null),
    DENSE("Dense", "Dense/Output layers"),
    OUTPUT("Output", null),
    CONV2D("Convolution2D (Same/Truncate padding, strides)", "Conv2D"),
    POOL2D("Subsampling (max/avg)", "max and average pooling"),
    BATCH_NORM("BatchNormalization", "folded BatchNorm (affine)"),
    ACTIVATION("Activation (" + LayerKind.IMPORTED_ACTIVATIONS + "), LossLayer (its activation; the loss only trains)",
            "activation layers"),
    DROPOUT("Dropout", "Dropout and flatten/reshape (identity)"),
    FLATTEN("DL4J's CNN⇄feed-forward preprocessors", null),
    RESHAPE(null, null),
    ADD("ComputationGraph Add vertices", "residual Add");

    /** The activations the importer reads (DL4J's names). */
    public static final String IMPORTED_ACTIVATIONS = "Identity, ReLU, LeakyReLU, HardTanh, HardSigmoid, Sigmoid, Tanh, Softmax";

    private final String imported;
    private final String lowered;

    LayerKind(String imported, String lowered) {
        this.imported = imported;
        this.lowered = lowered;
    }

    public String imported() {
        return imported;
    }

    public String lowered() {
        return lowered;
    }

    /** The layers the importer reads, e.g. for "supported layers: …" in its error messages. */
    public static String importedList() {
        return Arrays.stream(values()).map(LayerKind::imported).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    /** What the code generator lowers, with the activations and outputs it supports. */
    public static String loweredList() {
        return Arrays.stream(values()).map(LayerKind::lowered).filter(Objects::nonNull).collect(Collectors.joining(", "))
                + ", with identity, ReLU, LeakyReLU, HardTanh, HardSigmoid and piecewise-linear or polynomial "
                + "Sigmoid/Tanh activations; argmax or logits output";
    }
}
