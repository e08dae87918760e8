package io.zkml.workbench.codegen;

/** A fixed-length array of scalars; the generator packs inputs and outputs into these. */
public record ArrayType(ScalarType element, int length) implements IrType {

    public ArrayType {
        if (element == null || length < 1) {
            throw new IllegalArgumentException("an array needs an element type and a positive length");
        }
    }

    @Override
    public String aleo() {
        return "[" + element.aleo() + "; " + length + "u32]";
    }

    @Override
    public String leo() {
        return "[" + element.leo() + "; " + length + "]";
    }
}
