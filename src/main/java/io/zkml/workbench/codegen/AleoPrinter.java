package io.zkml.workbench.codegen;

import java.util.stream.Collectors;

/** Prints an {@link IrProgram} as Aleo instructions ({@code build/main.aleo}). */
public final class AleoPrinter {

    public PrintedProgram print(IrProgram p) {
        TextSink out = new TextSink();
        for (String h : p.header().lines()) {
            out.line("// " + h);
        }
        for (String imported : p.imports()) {
            out.line("import " + imported + ";");
        }
        if (!p.imports().isEmpty()) {
            out.line("");
        }
        out.line("program " + p.programName() + ".aleo;");
        out.line("");
        out.line("function " + p.function() + ":");
        for (IrInput in : p.inputs()) {
            out.line("    input " + reg(in.reg()) + " as " + in.reg().type().aleo() + "." + in.visibility().aleo() + ";",
                    "input");
        }
        for (Instruction ins : p.body()) {
            out.line("    " + instruction(ins), ins.layer());
        }
        if (p.call() != null) {
            out.line("    " + call(p.call()), p.call().layer());
        }
        for (IrAssertion a : p.assertions()) {
            out.line("    assert.eq " + operand(a.a()) + " " + operand(a.b()) + ";", a.layer());
        }
        for (IrOutput o : p.outputs()) {
            out.line("    output " + operand(o.value()) + " as " + o.value().type().aleo() + "." + o.visibility().aleo() + ";",
                    "output");
        }
        // snarkVM requires a constructor to deploy; edition 0 with no upgrade path matches Leo's @noupgrade.
        out.line("");
        out.line("constructor:");
        out.line("    assert.eq edition 0u16;");
        return out.result();
    }

    static String call(IrCall c) {
        return "call " + c.programId() + "/" + c.function() + " "
                + c.args().stream().map(AleoPrinter::operand).collect(Collectors.joining(" "))
                + " into " + c.results().stream().map(AleoPrinter::reg).collect(Collectors.joining(" ")) + ";";
    }

    static String instruction(Instruction ins) {
        String dst = " into " + reg(ins.dst());
        if (ins instanceof Instruction.Cast c) {
            return (c.lossy() ? "cast.lossy " : "cast ") + operand(c.src()) + dst + " as " + c.dst().type().aleo() + ";";
        } else if (ins instanceof Instruction.Binary b) {
            return b.op().opcode() + " " + operand(b.a()) + " " + operand(b.b()) + dst + ";";
        } else if (ins instanceof Instruction.Ternary t) {
            return "ternary " + operand(t.condition()) + " " + operand(t.ifTrue()) + " " + operand(t.ifFalse()) + dst + ";";
        } else if (ins instanceof Instruction.Hash h) {
            return "hash." + h.algorithm() + " " + operand(h.src()) + dst + " as field;";
        }
        Instruction.ArrayNew a = (Instruction.ArrayNew) ins;
        return "cast " + a.elements().stream().map(AleoPrinter::operand).collect(Collectors.joining(" "))
                + dst + " as " + a.dst().type().aleo() + ";";
    }

    static String operand(Operand o) {
        if (o instanceof Operand.Reg r) {
            return reg(r);
        } else if (o instanceof Operand.Element e) {
            return reg(e.array()) + "[" + Literals.index(e.index()) + "]";
        }
        return Literals.of((Operand.Const) o);
    }

    private static String reg(Operand.Reg r) {
        return "r" + r.index();
    }
}
