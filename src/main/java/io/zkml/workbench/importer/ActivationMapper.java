package io.zkml.workbench.importer;

import io.zkml.workbench.graph.Activation;
import java.nio.file.Path;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Maps DL4J's IActivation implementations onto the graph model's activations. */
final class ActivationMapper {

    static final String SUPPORTED = io.zkml.workbench.graph.LayerKind.IMPORTED_ACTIVATIONS;

    private ActivationMapper() {
    }

    static Activation map(IActivation fn, Path file, LayerRef ref) throws ModelImportException {
        if (fn == null || fn instanceof ActivationIdentity) {
            return Activation.IDENTITY;
        }
        // Exact-class checks: a subclass with different maths would otherwise silently get the parent's semantics.
        if (fn.getClass() == ActivationReLU.class) {
            return relu((ActivationReLU) fn, file, ref);
        }
        if (fn.getClass() == ActivationLReLU.class) {
            return Activation.leakyRelu(((ActivationLReLU) fn).getAlpha());
        }
        if (fn.getClass() == ActivationHardTanH.class) {
            return Activation.HARD_TANH;
        }
        if (fn.getClass() == ActivationHardSigmoid.class) {
            return Activation.HARD_SIGMOID;
        }
        if (fn.getClass() == ActivationSigmoid.class) {
            return Activation.SIGMOID;
        }
        if (fn.getClass() == ActivationTanH.class) {
            return Activation.TANH;
        }
        if (fn.getClass() == ActivationSoftmax.class) {
            return Activation.SOFTMAX;
        }
        throw new ModelImportException(file, ref, "activation " + fn.getClass().getSimpleName()
                + " is not supported; supported activations: " + SUPPORTED
                + "; retrain the layer with one of them");
    }

    /** DL4J's ReLU may carry a cap, threshold or negative slope; only the plain and leaky forms map. */
    private static Activation relu(ActivationReLU r, Path file, LayerRef ref) throws ModelImportException {
        boolean capped = r.getMax() != null && !Double.isInfinite(r.getMax()) && r.getMax() != 0.0;
        boolean thresholded = r.getThreshold() != null && r.getThreshold() != 0.0;
        if (capped || thresholded) {
            throw new ModelImportException(file, ref, "ReLU with max=" + r.getMax() + ", threshold="
                    + r.getThreshold() + " is not supported; only plain ReLU and LeakyReLU are");
        }
        double slope = r.getNegativeSlope() == null ? 0.0 : r.getNegativeSlope();
        return slope == 0.0 ? Activation.RELU : Activation.leakyRelu(slope);
    }
}
