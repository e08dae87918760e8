package io.zkml.workbench.codegen;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an {@link IrProgram} as Leo source ({@code src/main.leo}): one {@code let} per IR
 * instruction, named after the model layer, so the Leo text reads as the same program the Aleo
 * instructions run, statement for instruction.
 */
public final class LeoPrinter {

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
        out.line("program " + p.programName() + ".aleo {");
        String params = p.inputs().stream()
                .map(in -> mode(in.visibility()) + in.reg().name() + ": " + in.reg().type().leo())
                .collect(Collectors.joining(", "));
        out.line("    fn " + p.function() + "(" + params + ")" + returnType(p.outputs()) + " {", "input");
        String layer = null;
        for (Instruction ins : p.body()) {
            if (!ins.layer().equals(layer)) {
                layer = ins.layer();
                out.line("        // " + layer, layer);
            }
            out.line("        let " + ins.dst().name() + ": " + ins.dst().type().leo() + " = " + expression(ins) + ";",
                    ins.layer());
        }
        if (p.call() != null) {
            IrCall c = p.call();
            List<String> names = c.results().stream().map(Operand.Reg::name).toList();
            String lhs = names.size() == 1 ? names.get(0) + ": " + c.results().get(0).type().leo()
                    : "(" + String.join(", ", names) + ")";
            out.line("        // " + c.layer(), c.layer());
            // Leo 4 (the `fn` syntax printed here) names another program's function `prog.aleo::fn`;
            // `prog.aleo/fn` is Leo 3's spelling and Aleo instructions'.
            out.line("        let " + lhs + " = " + c.programId() + "::" + c.function() + "("
                    + c.args().stream().map(LeoPrinter::operand).collect(Collectors.joining(", ")) + ");", c.layer());
        }
        for (IrAssertion a : p.assertions()) {
            out.line("        assert_eq(" + operand(a.a()) + ", " + operand(a.b()) + ");", a.layer());
        }
        out.line("        return " + returnValue(p.outputs()) + ";", "output");
        out.line("    }");
        out.line("");
        out.line("    @noupgrade");
        out.line("    constructor() {}");
        out.line("}");
        return out.result();
    }

    private static String returnType(List<IrOutput> outputs) {
        if (outputs.isEmpty()) {
            return "";
        }
        List<String> types = outputs.stream()
                .map(o -> mode(o.visibility()) + o.value().type().leo()).toList();
        return " -> " + (types.size() == 1 ? types.get(0) : "(" + String.join(", ", types) + ")");
    }

    /** Leo's default mode is private, so only {@code public} is written, as `leo new` templates do. */
    private static String mode(Visibility v) {
        return v == Visibility.PUBLIC ? "public " : "";
    }

    private static String returnValue(List<IrOutput> outputs) {
        List<String> values = outputs.stream().map(o -> operand(o.value())).toList();
        return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
    }

    static String expression(Instruction ins) {
        if (ins instanceof Instruction.Cast c) {
            if (c.lossy()) {
                // Leo has no truncating cast operator; the generator never lowers to cast.lossy
                // (see docs/ENCODING.md), so reaching this is a bug in the lowering, not a user error.
                throw new IllegalStateException("Leo cannot express cast.lossy (layer " + c.layer() + ")");
            }
            return operand(c.src()) + " as " + c.dst().type().leo();
        } else if (ins instanceof Instruction.Binary b) {
            return operand(b.a()) + " " + b.op().leoOperator() + " " + operand(b.b());
        } else if (ins instanceof Instruction.Ternary t) {
            return operand(t.condition()) + " ? " + operand(t.ifTrue()) + " : " + operand(t.ifFalse());
        } else if (ins instanceof Instruction.Hash h) {
            return (h.algorithm().equals("psd8") ? "Poseidon8" : "Poseidon2") + "::hash_to_field(" + operand(h.src()) + ")";
        }
        Instruction.ArrayNew a = (Instruction.ArrayNew) ins;
        return "[" + a.elements().stream().map(LeoPrinter::operand).collect(Collectors.joining(", ")) + "]";
    }

    static String operand(Operand o) {
        if (o instanceof Operand.Reg r) {
            return r.name();
        } else if (o instanceof Operand.Element e) {
            return e.array().name() + "[" + Literals.index(e.index()) + "]";
        }
        return Literals.of((Operand.Const) o);
    }
}
