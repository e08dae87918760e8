package io.zkml.workbench.codegen;

/** Two-operand instructions, with their Aleo opcode and Leo operator. */
public enum BinaryOp {
    ADD("add", "+", false), SUB("sub", "-", false), MUL("mul", "*", false), SHR("shr", ">>", false),
    LT("lt", "<", true), GTE("gte", ">=", true), XOR("xor", "^", false), AND("and", "&", false);

    private final String opcode;
    private final String leoOperator;
    private final boolean comparison;

    BinaryOp(String opcode, String leoOperator, boolean comparison) {
        this.opcode = opcode;
        this.leoOperator = leoOperator;
        this.comparison = comparison;
    }

    public String opcode() {
        return opcode;
    }

    public String leoOperator() {
        return leoOperator;
    }

    /** Comparisons yield a boolean; the other operations yield their first operand's type. */
    public boolean comparison() {
        return comparison;
    }
}
