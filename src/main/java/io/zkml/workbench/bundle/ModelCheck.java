package io.zkml.workbench.bundle;

/**
 * What {@code verify --model} recomputed from the auditor's own copy of the model.
 *
 * @param programText the program that model and spec produce, named as in the bundle
 * @param commitment  the Poseidon commitment to that model's quantized weights, when the bundle has one
 */
public record ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                         String commitment) {

    /**
     * Without a weights commitment (constant weights).
     */
    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText) {
        this(modelFile, modelSha256, quantSpecSha256, programText, null);
    }
}
