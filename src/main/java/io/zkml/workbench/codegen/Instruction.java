package io.zkml.workbench.codegen;

import java.util.List;

/**
 * One IR instruction. Every instruction writes exactly one fresh register and carries the
 * name of the model layer it was lowered from, so the editor can highlight a layer's code and
 * the cost model can attribute constraints per layer.
 */
public sealed interface Instruction
        permits Instruction.Cast, Instruction.Binary, Instruction.Ternary, Instruction.Hash, Instruction.ArrayNew {

    Operand.Reg dst();

    String layer();

    /** Operands read, in order. */
    List<Operand> reads();

    /**
     * A checked ({@code cast}) or truncating ({@code cast.lossy}) conversion to {@code dst}'s type.
     * A checked cast aborts the proof when the value does not fit.
     */
    record Cast(Operand src, Operand.Reg dst, boolean lossy, String layer) implements Instruction {
        public Cast {
            if (!(dst.type() instanceof ScalarType)) {
                throw new IllegalArgumentException("casts produce scalars; use ArrayNew for arrays");
            }
        }

        public List<Operand> reads() {
            return List.of(src);
        }
    }

    record Binary(BinaryOp op, Operand a, Operand b, Operand.Reg dst, String layer) implements Instruction {
        public Binary {
            if (a.isConstant() && b.isConstant()) {
                throw new IllegalArgumentException(op + " of two constants should have been folded");
            }
            ScalarType expected = op.comparison() ? ScalarType.BOOLEAN : (ScalarType) a.type();
            if (dst.type() != expected) {
                throw new IllegalArgumentException(op + " writes " + expected.aleo() + ", not " + dst.type().aleo());
            }
            if (op == BinaryOp.SHR ? !isShiftAmount(b.type()) : a.type() != b.type()) {
                throw new IllegalArgumentException(op + " operand types differ: " + a.type().aleo() + ", " + b.type().aleo());
            }
        }

        private static boolean isShiftAmount(IrType t) {
            return t == ScalarType.U8 || t == ScalarType.U16 || t == ScalarType.U32;
        }

        public List<Operand> reads() {
            return List.of(a, b);
        }
    }

    /** {@code dst = condition ? ifTrue : ifFalse}; both branches are always computed in a circuit. */
    record Ternary(Operand condition, Operand ifTrue, Operand ifFalse, Operand.Reg dst, String layer)
            implements Instruction {
        public Ternary {
            if (condition.type() != ScalarType.BOOLEAN || ifTrue.type() != ifFalse.type()) {
                throw new IllegalArgumentException("ternary needs a boolean condition and branches of one type");
            }
        }

        public List<Operand> reads() {
            return List.of(condition, ifTrue, ifFalse);
        }
    }

    /**
     * {@code hash.<algorithm>}: Poseidon over a rate of 2 ({@code psd2}) or 8 ({@code psd8}) field
     * elements, used to commit to values.
     */
    record Hash(Operand src, Operand.Reg dst, String layer, String algorithm) implements Instruction {
        public Hash(Operand src, Operand.Reg dst, String layer) {
            this(src, dst, layer, "psd2");
        }

        public Hash {
            if (!algorithm.equals("psd2") && !algorithm.equals("psd8")) {
                throw new IllegalArgumentException("hash." + algorithm + " is not generated");
            }
        }

        /** Width of the Poseidon state: rate plus one capacity element. */
        public int stateWidth() {
            return algorithm.equals("psd8") ? 9 : 3;
        }

        public List<Operand> reads() {
            return List.of(src);
        }
    }

    /** Builds an array from scalars of its element type ({@code cast a b c into r as [T; 3u32]}). */
    record ArrayNew(List<Operand> elements, Operand.Reg dst, String layer) implements Instruction {
        public ArrayNew {
            elements = List.copyOf(elements);
            ArrayType t = dst.arrayType();
            if (elements.size() != t.length() || elements.stream().anyMatch(e -> e.type() != t.element())) {
                throw new IllegalArgumentException("array of " + t.aleo() + " needs " + t.length() + " "
                        + t.element().aleo() + " elements");
            }
        }

        public List<Operand> reads() {
            return elements;
        }
    }
}
