package io.zkml.workbench.ui;

/**
 * One entry of the start page's sample gallery.
 *
 * @param id           stable id the loader resolves ("iris-mlp")
 * @param purpose      what the sample shows a user, in one line
 * @param architecture layer summary, e.g. "4 → 10 → 3 MLP"
 * @param size         human-readable size, e.g. "83 parameters"
 */
public record SampleModel(String id, String purpose, String architecture, String size) {
}
