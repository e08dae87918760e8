package io.zkml.workbench.design;

import io.zkml.workbench.graph.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Placeholder weights for layers an edit re-initialised. They keep the edited graph a complete
 * model (parameter counts, node cards, the float interpreter all work) until retraining gives the
 * layer DL4J's own initialisation; seeded by the layer name so an edit is reproducible.
 */
final class FreshWeights {

    private FreshWeights() {
    }

    /** Xavier-normal values, DL4J's default initialisation, for a weight tensor with these fans. */
    static Tensor xavier(String layer, int[] shape, int fanIn, int fanOut) {
        Random r = new Random(layer.hashCode() * 31L + Arrays.hashCode(shape));
        float[] v = new float[count(shape)];
        double std = Math.sqrt(2.0 / (fanIn + fanOut));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * std);
        }
        return new Tensor(shape, v);
    }

    static Tensor filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return Tensor.vector(v);
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
