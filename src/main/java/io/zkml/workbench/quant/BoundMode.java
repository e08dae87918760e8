package io.zkml.workbench.quant;

/**
 * What happens when a requantized activation does not fit signed {@code activationBits}.
 * SATURATE clamps it (two comparisons and ternaries in the circuit; the proof always succeeds);
 * CHECK casts it to the narrow type, so a value out of range aborts the proof — cheaper but
 * only safe when calibration shows the bound is never reached.
 */
public enum BoundMode {
    SATURATE, CHECK
}
