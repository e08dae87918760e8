package io.zkml.workbench.codegen;

/**
 * {@code assert.eq a b}: the execution halts unless both are equal. Kept apart from the
 * instructions because it writes no register (every instruction writes exactly one).
 */
public record IrAssertion(Operand a, Operand b, String layer) {
}
