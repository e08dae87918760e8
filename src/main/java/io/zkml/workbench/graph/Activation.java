package io.zkml.workbench.graph;

/**
 * An element-wise (or, for softmax, vector-wise) activation function with its parameter.
 * {@code alpha} is the negative slope of LeakyReLU and unused otherwise.
 */
public record Activation(Kind kind, double alpha) {

    public enum Kind { IDENTITY, RELU, LEAKY_RELU, HARD_TANH, HARD_SIGMOID, SIGMOID, TANH, SOFTMAX }

    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0);
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    public static final Activation HARD_TANH = new Activation(Kind.HARD_TANH, 0);
    public static final Activation HARD_SIGMOID = new Activation(Kind.HARD_SIGMOID, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

    public static Activation leakyRelu(double alpha) {
        return new Activation(Kind.LEAKY_RELU, alpha);
    }

    public boolean isIdentity() {
        return kind == Kind.IDENTITY;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IDENTITY -> "Identity";
            case RELU -> "ReLU";
            case LEAKY_RELU -> "LeakyReLU(" + alpha + ")";
            case HARD_TANH -> "HardTanh";
            case HARD_SIGMOID -> "HardSigmoid";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case SOFTMAX -> "Softmax";
        };
    }
}
