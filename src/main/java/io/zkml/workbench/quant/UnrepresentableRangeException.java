package io.zkml.workbench.quant;

/**
 * A legal spec whose static value range the Aleo program cannot hold exactly: a sum or product
 * wider than the 64-bit words the simulator computes in, or than u64, the widest unsigned type
 * the requantizing casts use, or a requantization shift beyond those words. The one documented refusal
 * of a legal spec (docs/QUANTIZATION.md, "Ranges the program cannot hold"): the quantizer finds the
 * shifts ({@link QuantizedGraphBuilder}), {@code codegen.Lowering.check} the ranges, before a program is built.
 *
 * @param layer  the model layer
 * @param what   the value that does not fit (e.g. "accumulator")
 * @param range  its static range, as text
 * @param remedy the spec change that makes it fit
 */
public final class UnrepresentableRangeException extends IllegalArgumentException {

    private final String layer;
    private final String remedy;

    public UnrepresentableRangeException(String layer, String what, String range, String limit, String remedy) {
        this(layer, "the " + what + " range " + range + " does not fit " + limit, remedy);
    }

    /** A refusal whose value is not a range: {@code "layer L: <what>; <remedy>"}. */
    public UnrepresentableRangeException(String layer, String what, String remedy) {
        super("layer " + layer + ": " + what + "; " + remedy);
        this.layer = layer;
        this.remedy = remedy;
    }

    public String layer() {
        return layer;
    }

    public String remedy() {
        return remedy;
    }
}
