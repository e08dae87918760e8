package io.zkml.workbench.bundle;

/**
 * What {@code verify --model} recomputed from the auditor's own copy of the model.
 *
 * @param programText the program that model and spec produce, named as in the bundle
 */
public record ModelCheck(String modelFile, String modelSha256, String quantSpecSha256, String programText) {
}
