package io.zkml.workbench.importer;

import io.zkml.workbench.graph.InputNormalizer;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expresses the normaliser DL4J stored in the model zip as {@code (raw - offset) / scale}, the
 * one form the graph model (and the circuit's input stage) knows.
 */
final class NormalizerConverter {

    Optional<InputNormalizer> convert(Path file, Normalizer<?> normalizer) throws ModelImportException {
        if (normalizer == null) {
            return Optional.empty();
        }
        if (normalizer instanceof NormalizerStandardize s) {
            float[] mean = finite(file, "NormalizerStandardize", "mean", flat(s.getMean()));
            float[] std = finite(file, "NormalizerStandardize", "std", flat(s.getStd()));
            // DL4J divides by max(std, EPS_THRESHOLD) so constant features do not blow up.
            for (int i = 0; i < std.length; i++) {
                std[i] = (float) Math.max(std[i], Nd4j.EPS_THRESHOLD);
            }
            return Optional.of(new InputNormalizer("standardize", mean, std));
        }
        if (normalizer instanceof NormalizerMinMaxScaler m) {
            // DL4J: (x - min) / range * (hi - lo) + lo  ==  (x - offset) / scale  with
            // scale = range / (hi - lo) and offset = min - lo * scale.
            float[] min = finite(file, "NormalizerMinMaxScaler", "min", flat(m.getMin()));
            float[] max = finite(file, "NormalizerMinMaxScaler", "max", flat(m.getMax()));
            if (!Double.isFinite(m.getTargetMin()) || !Double.isFinite(m.getTargetMax())
                    || m.getTargetMax() <= m.getTargetMin()) {
                throw new ModelImportException(file, "the stored NormalizerMinMaxScaler has the target range ["
                        + m.getTargetMin() + ", " + m.getTargetMax() + "], which is not a finite, non-empty range;"
                        + " fit the normaliser again and re-save the model");
            }
            double targetRange = m.getTargetMax() - m.getTargetMin();
            float[] offset = new float[min.length];
            float[] scale = new float[min.length];
            for (int i = 0; i < min.length; i++) {
                double range = Math.max((double) max[i] - min[i], Nd4j.EPS_THRESHOLD);
                double sc = range / targetRange;
                scale[i] = (float) sc;
                offset[i] = (float) (min[i] - m.getTargetMin() * sc);
            }
            return Optional.of(new InputNormalizer("minmax", offset, scale));
        }
        throw new ModelImportException(file, "the stored normaliser " + normalizer.getClass().getSimpleName()
                + " is not supported; supported normalisers: NormalizerStandardize, NormalizerMinMaxScaler");
    }

    /** Non-finite statistics would turn every input into NaN; they are refused by name and index. */
    private static float[] finite(Path file, String kind, String stat, float[] values) throws ModelImportException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelImportException(file, "the stored " + kind + " (entry normalizer.bin) has "
                        + FiniteParameters.describe(values[i]) + " in its " + stat + " at index " + i
                        + "; fit the normaliser again on finite data and re-save the model");
            }
        }
        return values;
    }

    private static float[] flat(INDArray a) {
        return org.nd4j.linalg.factory.Nd4j.toFlattened('c', a).toFloatVector();
    }
}
