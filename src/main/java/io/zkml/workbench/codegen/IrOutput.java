package io.zkml.workbench.codegen;

/** A returned value. {@code name} says what it means (e.g. "logits", "class") for headers and UIs. */
public record IrOutput(Operand value, Visibility visibility, String name) {
}
