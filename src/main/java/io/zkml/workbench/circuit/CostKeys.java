package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;

/**
 * Names an instruction's cost class: opcode, operand type and whether an operand is a constant
 * ({@code mul:i32:const}, {@code cast:field>u64}, {@code ternary:u8:const2}). snarkVM's cost
 * depends on exactly these: a constant operand is folded into the constraints, a variable is not.
 */
public final class CostKeys {

    private CostKeys() {
    }

    public static String of(Instruction ins) {
        if (ins instanceof Instruction.Cast c) {
            return (c.lossy() ? "cast.lossy:" : "cast:") + c.src().type().aleo() + ">" + c.dst().type().aleo();
        } else if (ins instanceof Instruction.Binary b) {
            Operand v = b.a().isConstant() ? b.b() : b.a();
            boolean constant = b.a().isConstant() || b.b().isConstant();
            return b.op().opcode() + ":" + v.type().aleo() + ":" + (constant ? "const" : "var");
        } else if (ins instanceof Instruction.Ternary t) {
            int constants = (t.ifTrue().isConstant() ? 1 : 0) + (t.ifFalse().isConstant() ? 1 : 0);
            return "ternary:" + t.ifTrue().type().aleo() + ":" + (constants == 0 ? "var" : constants == 1 ? "const" : "const2");
        } else if (ins instanceof Instruction.Hash h) {
            return "hash." + h.algorithm() + ":" + h.src().type().aleo();
        }
        return "array:" + ((Instruction.ArrayNew) ins).dst().type().aleo();
    }

    public static String input(IrType t) {
        return "input:" + t.aleo();
    }

    public static String output(IrType t) {
        return "output:" + t.aleo();
    }
}
