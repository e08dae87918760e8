package io.zkml.workbench.quant;

/**
 * How Sigmoid and Tanh are approximated in fixed point: a piecewise-linear chord interpolant
 * with {@code segments} equal segments, or a polynomial of {@code degree} on the clamped input.
 * Only one of the two counts is meaningful for a given kind.
 */
public record Approximation(Kind kind, int segments, int degree) {

    public enum Kind { PIECEWISE_LINEAR, POLY }

    public static final Approximation DEFAULT = piecewiseLinear(32);

    public Approximation {
        if (kind == null) {
            throw new IllegalArgumentException("approximation kind is required");
        }
        if (kind == Kind.PIECEWISE_LINEAR && (segments < 1 || segments > 1024)) {
            throw new IllegalArgumentException("piecewise-linear needs 1..1024 segments, got " + segments);
        }
        if (kind == Kind.POLY && (degree < 1 || degree > 15)) {
            throw new IllegalArgumentException("polynomial degree must be 1..15, got " + degree);
        }
    }

    public static Approximation piecewiseLinear(int segments) {
        return new Approximation(Kind.PIECEWISE_LINEAR, segments, 0);
    }

    public static Approximation poly(int degree) {
        return new Approximation(Kind.POLY, 0, degree);
    }
}
