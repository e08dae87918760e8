package io.zkml.workbench.codegen;

import java.math.BigInteger;

/** A value an instruction reads: a register, an element of an array register, or a constant. */
public sealed interface Operand permits Operand.Reg, Operand.Element, Operand.Const {

    IrType type();

    /** True when the value is known when the program is written, so snarkVM folds it into the circuit. */
    default boolean isConstant() {
        return this instanceof Const;
    }

    /**
     * A register. {@code index} is its Aleo number ({@code r<index>}); {@code name} is the Leo
     * variable it becomes, derived from the layer it belongs to, or null in a program that is never
     * printed as Leo ({@link IrBuilder#unnamed}), where {@link #name()} gives its Aleo name.
     */
    record Reg(int index, IrType type, String name) implements Operand {
        public Reg {
            if (index < 0) {
                throw new IllegalArgumentException("negative register index");
            }
        }

        /** The Leo variable, or {@code r<index>} when the register was not named. */
        @Override
        public String name() {
            return name != null ? name : "r" + index;
        }

        /** Whether the register has a Leo name of its own (false in an {@link IrBuilder#unnamed} program). */
        public boolean named() {
            return name != null;
        }

        public ArrayType arrayType() {
            if (type instanceof ArrayType a) {
                return a;
            }
            throw new IllegalStateException("register " + name + " is not an array");
        }
    }

    /** One element of an array register, by constant index. */
    record Element(Reg array, int index) implements Operand {
        public Element {
            int n = array.arrayType().length();
            if (index < 0 || index >= n) {
                throw new IllegalArgumentException("index " + index + " outside array " + array.name() + " of " + n);
            }
        }

        @Override
        public IrType type() {
            return array.arrayType().element();
        }
    }

    /** A literal. Integer constants must fit their type; field constants may be any integer (taken mod p). */
    record Const(ScalarType type, BigInteger value) implements Operand {
        public Const {
            if (!type.fits(value)) {
                throw new IllegalArgumentException(value + " does not fit " + type.aleo());
            }
        }

        public static Const of(ScalarType type, long value) {
            return new Const(type, BigInteger.valueOf(value));
        }
    }
}
