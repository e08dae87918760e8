package io.zkml.workbench.quant;

/**
 * How far one layer's dequantized integer activations are from the float reference over a dataset.
 *
 * @param sqnrDb            10·log10(Σ float² / Σ error²); +Infinity when the error is zero
 * @param saturatedFraction fraction of values the activation clamp changed
 * @param errorHistogram    distribution of (quantized - float), for the UI
 */
public record LayerError(String layer, long count, double maxAbsError, double mae, double rmse, double sqnrDb,
                         double saturatedFraction, Histogram errorHistogram) {
}
