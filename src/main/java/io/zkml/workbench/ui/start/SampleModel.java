package io.zkml.workbench.ui.start;

/**
 * One entry of the start page's sample gallery.
 *
 * @param id           the sample's name in the catalogue ("iris-mlp")
 * @param purpose      the use case, in one sentence
 * @param architecture layer summary
 * @param size         human-readable size, e.g. "131 parameters"
 * @param metric       the float model's figure, e.g. "test accuracy 97.21%"
 */
public record SampleModel(String id, String purpose, String architecture, String size, String metric) {
}
