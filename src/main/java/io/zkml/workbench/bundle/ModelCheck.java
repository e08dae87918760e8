package io.zkml.workbench.bundle;

import io.zkml.workbench.export.OutputFormat;

/**
 * What {@code verify --model} recomputed from the auditor's own copy of the model.
 *
 * @param programText the program that model and spec produce, named as in the bundle
 * @param commitment  the Poseidon commitment to that model's quantized weights, when the bundle has one
 *                    (null when it cannot be recomputed: a salted scheme without the salt)
 * @param output      how that compiled program's outputs read (class names, fixed point), or null when
 *                    the model could not be compiled; the words of a verdict come from here, not the bundle
 * @param scheme      for private weights, which commitment scheme the bundle uses and how it was
 *                    recomputed (said in the report); null for constant weights
 * @param chainPrograms for a chain bundle, the other programs that model and spec compile to with the bundle's
 *                    recorded cuts, by program id (the entry is {@code programText}); empty for one program
 */
public record ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                         String commitment, OutputFormat output, String scheme,
                         java.util.Map<String, String> chainPrograms) {

    public ModelCheck {
        chainPrograms = chainPrograms == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chainPrograms));
    }

    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                      String commitment, OutputFormat output, String scheme) {
        this(modelFile, modelSha256, quantSpecSha256, programText, commitment, output, scheme, null);
    }

    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText,
                      String commitment) {
        this(modelFile, modelSha256, quantSpecSha256, programText, commitment, null, null);
    }

    /** Without a weights commitment (constant weights). */
    public ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText) {
        this(modelFile, modelSha256, quantSpecSha256, programText, null, null, null);
    }
}
