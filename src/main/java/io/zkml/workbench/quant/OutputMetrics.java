package io.zkml.workbench.quant;

/**
 * Output-level comparison. Classifier fields are set when the model ends in softmax or labels
 * were given; regression fields when targets were given. Absent figures are NaN.
 */
public record OutputMetrics(boolean classifier, double floatAccuracy, double quantizedAccuracy,
                            double argmaxAgreement, double maeVsLabels, double rmseVsLabels,
                            double maeVsFloat, double rmseVsFloat) {
}
