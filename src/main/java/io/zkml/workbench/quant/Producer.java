package io.zkml.workbench.quant;

/**
 * The first step of a quantized layer: the one that reads the layer's inputs and produces one
 * integer per output neuron at the layer's "natural" scale. Every value a producer yields is an
 * exact integer; the element-wise {@link Step}s that follow requantize and activate it.
 * Index conventions: activations are flat, channels-first ({@code (c*H + h)*W + w}).
 */
public sealed interface Producer {

    /** Calls the visitor's method for this producer. */
    <R> R accept(Visitor<R> v);

    /**
     * One method per producer: the simulator and the lowering dispatch through it, so a new
     * producer does not compile until both say what it computes.
     */
    interface Visitor<R> {
        R quantizeInput(QuantizeInput p);

        R dense(Dense p);

        R conv2d(Conv2D p);

        R affine(Affine p);

        R maxPool(MaxPool p);

        R avgPool(AvgPool p);

        R add(Add p);

        R identity(Identity p);
    }

    /** The arithmetic domain of a producer that computes a weighted sum, or null for the others. */
    static Domain domainOf(Producer p) {
        if (p instanceof Dense d) {
            return d.domain();
        } else if (p instanceof Conv2D c) {
            return c.domain();
        } else if (p instanceof Affine a) {
            return a.domain();
        } else if (p instanceof Add a) {
            return a.domain();
        }
        return null;
    }


    /** {@code q = floor(x * 2^fracBits + 0.5)} of the float input (saturating to the long range). */
    record QuantizeInput(int fracBits) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.quantizeInput(this);
        }
    }

    /**
     * {@code acc[o] = bias[o] + sum_{i=0..nIn-1} weights[o*nIn + i] * x[i]}, summed in that order
     * (bias first, then ascending i) — the order matters only for the checked integer domains.
     * {@code weights} is [nOut][nIn] (transposed from DL4J's [nIn, nOut] so each row is contiguous);
     * {@code bias} is already at the accumulator scale (weight frac + input frac).
     */
    record Dense(int nIn, int nOut, long[] weights, long[] bias, Domain domain) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.dense(this);
        }
    }

    /**
     * Convolution: {@code acc[o,i,j] = bias[o] + sum_{c,ki,kj} W[o,c,ki,kj] * x[c, i*strideH - padTop + ki,
     * j*strideW - padLeft + kj]}, loops in the order c, ki, kj; positions outside the input are
     * zero padding and are skipped (they add nothing). Weights keep DL4J's [outC, inC, kH, kW] order.
     */
    record Conv2D(int inC, int inH, int inW, int outC, int outH, int outW, int kernelH, int kernelW,
                  int strideH, int strideW, int padTop, int padLeft, long[] weights, long[] bias,
                  Domain domain) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.conv2d(this);
        }
    }

    /**
     * An unfolded BatchNorm: {@code acc[k] = scale[f] * x[k] + offset[f]} with
     * {@code f = k / perFeature}; scale at the weight frac, offset at weight frac + input frac.
     */
    record Affine(int perFeature, long[] scale, long[] offset, Domain domain) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.affine(this);
        }
    }

    /** Maximum over the window; padded positions are ignored (never win). */
    record MaxPool(int channels, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                   int strideH, int strideW, int padTop, int padLeft) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.maxPool(this);
        }
    }

    /**
     * Average: {@code s} = sum of the in-bounds window values, {@code n} = their count (or the
     * full window size when padding is counted, as DL4J's avgPoolIncludePadInDivisor), then
     * {@code y = shiftRound(s * reciprocal[n], reciprocalBits, rounding)} with
     * {@code reciprocal[n] = floor(2^reciprocalBits / n + 0.5)}. For power-of-two n the reciprocal
     * is exact, so y is exactly s/n rounded; otherwise the error is far below one unit.
     */
    record AvgPool(int channels, int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                   int strideH, int strideW, int padTop, int padLeft, boolean padIncluded,
                   long[] reciprocal, int reciprocalBits, Rounding rounding) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.avgPool(this);
        }
    }

    /**
     * Element-wise sum after aligning every input to the largest input scale by an exact left
     * shift: {@code acc = sum_k (x_k << leftShift[k])}, in input order.
     */
    record Add(int[] leftShift, Domain domain) implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.add(this);
        }
    }

    /** Copies its single input (Flatten, Reshape, Dropout, activation-only layers). */
    record Identity() implements Producer {
        public <R> R accept(Visitor<R> v) {
            return v.identity(this);
        }
    }
}
