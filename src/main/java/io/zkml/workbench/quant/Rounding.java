package io.zkml.workbench.quant;

/**
 * How a requantizing right shift by k bits rounds. Both are cheap on Aleo: FLOOR is the
 * arithmetic shift itself ({@code shr} on a signed integer is floor division by 2^k); HALF_UP
 * adds the constant 2^(k-1) first, one more (free in the field) addition. HALF_UP rounds ties
 * towards +infinity, so it is not symmetric for negative values — that is deliberate: it is
 * the rule with no sign test.
 */
public enum Rounding {
    FLOOR, HALF_UP
}
