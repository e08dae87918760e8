package io.zkml.workbench.quant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Fixed-point settings of one node. A value {@code v} with {@code f} fractional bits is the
 * integer {@code round(v * 2^f)}.
 *
 * @param weightFracBits     fractional bits of the quantized weights (linear layers)
 * @param biasFracBits       fractional bits of the bias; null means weightFracBits + the input's
 *                           activation frac bits, the accumulator scale, so the bias adds as is
 * @param activationFracBits fractional bits of this node's output
 * @param domain             arithmetic of the linear part (multiply-accumulate)
 * @param rounding           rounding of the requantizing shift
 * @param activationBits     B: the output must fit signed B bits
 * @param boundMode          clamp to B bits, or require it (abort)
 * @param approximation      Sigmoid/Tanh approximation; ignored for other activations
 * @param outputMode         for a softmax node: argmax or logits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerQuant(int weightFracBits, Integer biasFracBits, int activationFracBits, Domain domain,
                         Rounding rounding, int activationBits, BoundMode boundMode,
                         Approximation approximation, OutputMode outputMode) {

    public static final int MIN_FRAC_BITS = -16;
    public static final int MAX_FRAC_BITS = 48;

    public LayerQuant {
        domain = domain == null ? Domain.FIELD : domain;
        rounding = rounding == null ? Rounding.HALF_UP : rounding;
        boundMode = boundMode == null ? BoundMode.SATURATE : boundMode;
        approximation = approximation == null ? Approximation.DEFAULT : approximation;
        outputMode = outputMode == null ? OutputMode.ARGMAX : outputMode;
        checkFrac("weightFracBits", weightFracBits);
        checkFrac("activationFracBits", activationFracBits);
        if (biasFracBits != null) {
            checkFrac("biasFracBits", biasFracBits);
        }
        if (activationBits < 2 || activationBits > 48) {
            throw new IllegalArgumentException("activationBits must be 2..48, got " + activationBits);
        }
    }

    private static void checkFrac(String what, int v) {
        if (v < MIN_FRAC_BITS || v > MAX_FRAC_BITS) {
            throw new IllegalArgumentException(what + " must be " + MIN_FRAC_BITS + ".." + MAX_FRAC_BITS + ", got " + v);
        }
    }

    /** Defaults for everything except the scales: field arithmetic, half-up, saturate, 16 bits. */
    public static LayerQuant of(int weightFracBits, int activationFracBits) {
        return new LayerQuant(weightFracBits, null, activationFracBits, Domain.FIELD, Rounding.HALF_UP, 16,
                BoundMode.SATURATE, Approximation.DEFAULT, OutputMode.ARGMAX);
    }

    /** The bias scale actually used, given the scale of the layer's input. */
    public int effectiveBiasFracBits(int inputFracBits) {
        return biasFracBits != null ? biasFracBits : weightFracBits + inputFracBits;
    }

    public LayerQuant withWeightFracBits(int v) {
        return new LayerQuant(v, biasFracBits, activationFracBits, domain, rounding, activationBits, boundMode,
                approximation, outputMode);
    }

    public LayerQuant withActivationFracBits(int v) {
        return new LayerQuant(weightFracBits, biasFracBits, v, domain, rounding, activationBits, boundMode,
                approximation, outputMode);
    }

    public LayerQuant withDomain(Domain v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, v, rounding, activationBits, boundMode,
                approximation, outputMode);
    }

    public LayerQuant withRounding(Rounding v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, domain, v, activationBits, boundMode,
                approximation, outputMode);
    }

    public LayerQuant withActivationBits(int v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, domain, rounding, v, boundMode,
                approximation, outputMode);
    }

    public LayerQuant withBoundMode(BoundMode v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, domain, rounding, activationBits, v,
                approximation, outputMode);
    }

    public LayerQuant withApproximation(Approximation v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, domain, rounding, activationBits,
                boundMode, v, outputMode);
    }

    public LayerQuant withOutputMode(OutputMode v) {
        return new LayerQuant(weightFracBits, biasFracBits, activationFracBits, domain, rounding, activationBits,
                boundMode, approximation, v);
    }
}
