package io.zkml.workbench.project;

/**
 * How the exported program holds the weights: baked in as constants (the model is public and
 * the program's id commits to it), or passed as private inputs checked against a published hash
 * (the weights stay the owner's secret).
 */
public enum WeightsMode {
    CONSTANTS, PRIVATE_INPUTS
}
