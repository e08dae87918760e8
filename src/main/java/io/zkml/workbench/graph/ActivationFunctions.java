package io.zkml.workbench.graph;

/** Float semantics of each activation, matching DL4J's implementations. */
public final class ActivationFunctions {

    private ActivationFunctions() {
    }

    /** Applies the activation in place. */
    public static void apply(Activation a, float[] v) {
        switch (a.kind()) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(0f, v[i]);
                }
            }
            case LEAKY_RELU -> {
                float alpha = (float) a.alpha();
                for (int i = 0; i < v.length; i++) {
                    v[i] = v[i] < 0 ? v[i] * alpha : v[i];
                }
            }
            case HARD_TANH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(-1f, Math.min(1f, v[i]));
                }
            }
            // DL4J's HardSigmoid: min(1, max(0, 0.2 x + 0.5))
            case HARD_SIGMOID -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(0f, Math.min(1f, 0.2f * v[i] + 0.5f));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (1.0 / (1.0 + Math.exp(-v[i])));
                }
            }
            case TANH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
            case SOFTMAX -> softmax(v);
        }
    }

    private static void softmax(float[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            e[i] = Math.exp(v[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (e[i] / sum);
        }
    }
}
