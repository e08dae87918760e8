package io.zkml.workbench.quant;

import java.math.BigInteger;

/**
 * One value that does not fit where the spec puts it. {@code sample} is -1 for a parameter
 * (a weight or bias), {@code neuron} is the flat output index (or the weight index).
 */
public record OverflowEvent(String layer, Kind kind, int neuron, int sample, BigInteger value, BigInteger limit) {

    public enum Kind {
        /** A weight or bias does not fit the layer's integer domain. */
        PARAMETER,
        /** An input value cannot be cast to the layer's integer domain. */
        DOMAIN_INPUT,
        /** A product or partial sum exceeds the layer's integer domain (Aleo aborts). */
        DOMAIN_ACCUMULATOR,
        /** A requantized activation exceeds the activation bound in CHECK mode (Aleo aborts). */
        ACTIVATION_BOUND,
        /** A value exceeds the 64-bit range the simulator computes in. */
        SIMULATOR_RANGE
    }

    @Override
    public String toString() {
        return layer + ": " + kind + " at neuron " + neuron + (sample >= 0 ? ", sample " + sample : "")
                + ": value " + value + " exceeds limit " + limit;
    }
}
