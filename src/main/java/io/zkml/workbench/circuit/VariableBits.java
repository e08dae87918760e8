package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ScalarType;

import java.util.HashMap;
import java.util.Map;

/**
 * How many low bits of each integer register are not known constants. snarkVM folds constant
 * bits, and a right shift by k of an unsigned value makes its top k bits constant zeros, so a
 * later ternary only pays for the remaining bits: in the lowered 4-4-3 network every clamp
 * ternary after {@code shr 8} costs 56 constraints instead of 64 (measured: predicting 64 was
 * off by exactly 8 per ternary). Tracked per program, one instance per estimate.
 */
final class VariableBits {

    private final Map<Integer, Integer> bits = new HashMap<>();

    /** Records the result of {@code ins}; call in program order. */
    void define(Instruction ins) {
        ScalarType t = ins.dst().type() instanceof ScalarType s ? s : null;
        if (t == null || !t.isInteger()) {
            return;
        }
        int b = t.bits();
        if (ins instanceof Instruction.Binary bin && bin.op() == io.zkml.workbench.codegen.BinaryOp.SHR
                && !t.signed() && bin.b() instanceof Operand.Const k) {
            b = Math.max(0, of(bin.a()) - k.value().intValueExact());
        } else if (ins instanceof Instruction.Ternary ter) {
            if (ter.ifTrue() instanceof Operand.Const x && ter.ifFalse() instanceof Operand.Const y && !t.signed()) {
                // Free itself, but the bits where the constants differ now follow the condition.
                b = x.value().xor(y.value()).bitLength();
            } else {
                b = Math.max(of(ter.ifTrue()), of(ter.ifFalse()));
            }
        }
        bits.put(ins.dst().index(), b);
    }

    /** Variable low bits of an operand: a constant has none, though its set bits bound a select. */
    int of(Operand o) {
        ScalarType t = (ScalarType) o.type();
        if (o instanceof Operand.Const c) {
            // A select between a constant bit and a constant-zero bit is still linear in the condition,
            // so a constant branch adds no variable bits of its own.
            return 0;
        }
        if (o instanceof Operand.Reg r) {
            return bits.getOrDefault(r.index(), t.bits());
        }
        return t.bits();
    }

    boolean isInteger(Instruction.Ternary ins) {
        return ins.dst().type() instanceof ScalarType t && t.isInteger();
    }

    int typeBits(Instruction.Ternary ins) {
        return ((ScalarType) ins.dst().type()).bits();
    }

    /** Bits of a select that are not constant in both branches: the ones it pays for. */
    int selectedBits(Instruction.Ternary ins) {
        return Math.max(of(ins.ifTrue()), of(ins.ifFalse()));
    }
}
