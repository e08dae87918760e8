package io.zkml.workbench.codegen;

/** The type of an IR value: a scalar Aleo literal type or a one-dimensional array of one. */
public sealed interface IrType permits ScalarType, ArrayType {

    /** The type as Aleo instructions spell it ({@code i32}, {@code [i32; 4u32]}). */
    String aleo();

    /** The type as Leo source spells it ({@code i32}, {@code [i32; 4]}). */
    String leo();
}
