package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;

import java.util.function.DoubleUnaryOperator;

/**
 * Builds the fixed-point tables for Sigmoid and Tanh and measures how far they are from the
 * true functions. Both approximations work on [-R, R] (R = 8 for Sigmoid, 4 for Tanh, powers of
 * two so the polynomial variable t = x/R is a mere change of scale) and saturate outside.
 */
public final class ActivationApprox {

    /** Fractional bits of the piecewise-linear slopes (all slopes are <= 1). */
    public static final int SLOPE_FRAC_BITS = 16;
    /** Fractional bits of the polynomial coefficients. */
    public static final int COEFF_FRAC_BITS = 16;

    private ActivationApprox() {
    }

    public static int rangeLog2(Activation.Kind kind) {
        return switch (kind) {
            case SIGMOID -> 3;
            case TANH -> 2;
            default -> throw new IllegalArgumentException("no table approximation for " + kind);
        };
    }

    public static DoubleUnaryOperator function(Activation.Kind kind) {
        return switch (kind) {
            case SIGMOID -> x -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math::tanh;
            default -> throw new IllegalArgumentException("no table approximation for " + kind);
        };
    }

    /** The step for {@code kind} at scale {@code f} (input and output share the layer's scale). */
    public static Step build(Activation.Kind kind, Approximation a, int f, Rounding rounding) {
        return a.kind() == Approximation.Kind.PIECEWISE_LINEAR
                ? piecewiseLinear(kind, a.segments(), f, rounding)
                : polynomial(kind, a.degree(), f, rounding);
    }

    /**
     * Chord interpolation between N+1 equally spaced breakpoints on [-R, R]; breakpoints are
     * rounded to the layer scale first and the values and slopes are those of the true function
     * at the rounded breakpoints, so the only errors are the chord's and one rounding of each.
     */
    static Step.PiecewiseLinear piecewiseLinear(Activation.Kind kind, int n, int f, Rounding rounding) {
        DoubleUnaryOperator fn = function(kind);
        double r = 1 << rangeLog2(kind);
        long[] breaks = new long[n + 1];
        long[] values = new long[n + 1];
        double[] xs = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            breaks[j] = IntegerSemantics.quantize(-r + 2 * r * j / n, f);
            xs[j] = breaks[j] / IntegerSemantics.pow2(f);
            values[j] = IntegerSemantics.quantize(fn.applyAsDouble(xs[j]), f);
        }
        long[] slopes = new long[n];
        for (int j = 0; j < n; j++) {
            if (breaks[j + 1] > breaks[j]) {
                double s = (fn.applyAsDouble(xs[j + 1]) - fn.applyAsDouble(xs[j])) / (xs[j + 1] - xs[j]);
                slopes[j] = IntegerSemantics.quantize(s, SLOPE_FRAC_BITS);
            }
        }
        return new Step.PiecewiseLinear(breaks, values, slopes, SLOPE_FRAC_BITS, rounding);
    }

    /** Least-squares polynomial in t = x/R on 2001 equally spaced points of [-1, 1]. */
    static Step.Polynomial polynomial(Activation.Kind kind, int degree, int f, Rounding rounding) {
        DoubleUnaryOperator fn = function(kind);
        int rl = rangeLog2(kind);
        double r = 1 << rl;
        int m = 2001;
        int d = degree + 1;
        double[][] ata = new double[d][d];
        double[] aty = new double[d];
        for (int s = 0; s < m; s++) {
            double t = -1 + 2.0 * s / (m - 1);
            double y = fn.applyAsDouble(r * t);
            double[] p = new double[d];
            p[0] = 1;
            for (int k = 1; k < d; k++) {
                p[k] = p[k - 1] * t;
            }
            for (int i = 0; i < d; i++) {
                aty[i] += p[i] * y;
                for (int k = 0; k < d; k++) {
                    ata[i][k] += p[i] * p[k];
                }
            }
        }
        double[] c = solve(ata, aty);
        long[] q = new long[d];
        for (int k = 0; k < d; k++) {
            q[k] = IntegerSemantics.quantize(c[k], COEFF_FRAC_BITS);
        }
        long one = 1L << Math.max(f, 0);
        long lo = kind == Activation.Kind.SIGMOID ? 0 : -one;
        return new Step.Polynomial(q, COEFF_FRAC_BITS, f, rl, lo, one, rounding);
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double fct = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= fct * a[col][k];
                }
                b[r] -= fct * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /**
     * Largest |approximation - true function| in real units over inputs in [-(R+2), R+2] at
     * scale f (every representable input, or an evenly strided subset of at most ~200k).
     * Includes the unavoidable output rounding of 2^-(f+1).
     */
    public static double maxAbsError(Activation.Kind kind, Step step, int f) {
        DoubleUnaryOperator fn = function(kind);
        double scale = IntegerSemantics.pow2(f);
        long lim = (long) Math.ceil(((1 << rangeLog2(kind)) + 2) * scale);
        long stride = Math.max(1, 2 * lim / 200_000);
        double worst = 0;
        for (long y = -lim; y <= lim; y += stride) {
            long q = step instanceof Step.PiecewiseLinear p ? IntegerSemantics.piecewiseLinear(y, p)
                    : IntegerSemantics.polynomial(y, (Step.Polynomial) step);
            worst = Math.max(worst, Math.abs(q / scale - fn.applyAsDouble(y / scale)));
        }
        return worst;
    }
}
