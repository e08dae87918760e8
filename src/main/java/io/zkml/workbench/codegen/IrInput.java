package io.zkml.workbench.codegen;

/** A function parameter; {@code reg.name()} is its Leo parameter name. */
public record IrInput(Operand.Reg reg, Visibility visibility) {
}
