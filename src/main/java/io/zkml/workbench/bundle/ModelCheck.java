package io.zkml.workbench.bundle;

/**
 * What {@code verify --model} recomputed from the auditor's own copy of the model.
 *
 * @param programText the program that model and spec produce, named as in the bundle
 * @param commitment  the Poseidon commitment to that model's quantized weights, when the bundle has one
 *                    (null when it cannot be recomputed: a salted scheme without the salt)
 * @param scheme      for private weights, which commitment scheme the bundle uses and how it was
 *                    recomputed (said in the report); null for constant weights
 */
public record ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                         String commitment, String scheme) {

    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                      String commitment) {
        this(modelFile, modelSha256, quantSpecSha256, programText, commitment, null);
    }

    /**
     * Without a weights commitment (constant weights).
     */
    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText) {
        this(modelFile, modelSha256, quantSpecSha256, programText, null);
    }
}
