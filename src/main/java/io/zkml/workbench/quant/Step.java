package io.zkml.workbench.quant;

/**
 * One element-wise integer operation applied, in list order, to every value a {@link Producer}
 * produced. {@link IntegerSemantics} defines the exact result of each.
 */
public sealed interface Step {

    /**
     * Change of scale by {@code shift} bits: right shift with {@code rounding} when positive,
     * exact left shift when negative. In a narrow integer {@code domain} the rounding add must fit too.
     */
    record Requant(int shift, Rounding rounding, Domain domain) implements Step {
    }

    /** Keep the value within [min, max] (the activation bound): clamp, or require it. */
    record Clamp(long min, long max, BoundMode mode) implements Step {
    }

    /** {@code max(0, y)}. */
    record Relu() implements Step {
    }

    /** LeakyReLU with alpha = 2^-shift: {@code y < 0 ? shiftRound(y, shift) : y}. */
    record LeakyShift(int shift, Rounding rounding) implements Step {
    }

    /** LeakyReLU with a fixed-point alpha: {@code y < 0 ? shiftRound(y * alpha, alphaFracBits) : y}. */
    record LeakyMul(long alpha, int alphaFracBits, Rounding rounding) implements Step {
    }

    /** HardTanh: clamp to [-one, one] where {@code one = 2^f}. */
    record HardTanh(long one) implements Step {
    }

    /**
     * HardSigmoid {@code min(1, max(0, 0.2 x + 0.5))}: {@code clamp(shiftRound(y * slope + half,
     * slopeFracBits), 0, one)} with {@code slope = round(0.2 * 2^slopeFracBits)},
     * {@code half = 2^(f + slopeFracBits - 1)} and {@code one = 2^f}.
     */
    record HardSigmoid(long slope, int slopeFracBits, long half, long one, Rounding rounding) implements Step {
    }

    /**
     * Piecewise-linear Sigmoid/Tanh: {@code breaks} (N+1, ascending, at the layer scale f) and
     * {@code values} (the function at each break, scale f). For {@code y <= breaks[0]} the result is
     * {@code values[0]}, for {@code y >= breaks[N]} it is {@code values[N]}; otherwise with the
     * unique j such that {@code breaks[j] <= y < breaks[j+1]}:
     * {@code values[j] + shiftRound(slopes[j] * (y - breaks[j]), slopeFracBits)}.
     */
    record PiecewiseLinear(long[] breaks, long[] values, long[] slopes, int slopeFracBits, Rounding rounding)
            implements Step {
    }

    /**
     * Polynomial Sigmoid/Tanh in t = x / 2^rangeLog2 on [-1, 1]: {@code u = clamp(y, -2^(f+rangeLog2),
     * 2^(f+rangeLog2))} (u is t at scale f + rangeLog2); Horner with coefficients (ascending powers,
     * scale C = coeffFracBits): {@code acc = c[d]; for k = d-1..0: acc = shiftRound(acc * u,
     * f + rangeLog2) + c[k]}; then {@code shiftRound(acc, C - f)} clamped to [outMin, outMax].
     */
    record Polynomial(long[] coeffs, int coeffFracBits, int fracBits, int rangeLog2, long outMin, long outMax,
                      Rounding rounding) implements Step {
    }
}
