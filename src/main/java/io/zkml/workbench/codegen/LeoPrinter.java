package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints an {@link IrProgram} as Leo source ({@code src/main.leo}): one {@code let} per IR
 * instruction, named after the model layer, so the Leo text reads as the same program the Aleo
 * instructions run, statement for instruction.
 */
public final class LeoPrinter {

    public PrintedProgram print(IrProgram p) {
        if (!p.body().isEmpty() && !p.body().get(0).dst().named()) {
            throw new IllegalArgumentException("program " + p.programName() + " was lowered without Leo names "
                    + "(IrBuilder.unnamed: priced only), so it has no Leo text");
        }
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
        Function<Operand, String> operand = LeoPrinter::operand;
        if (p.closures() != null) {
            // Helper fns outside the program block: Leo 4 compiles them to closures (or inlines them).
            operand = o -> Literals.operand(o, r -> where(p, r));
            for (ClosureLayout.Part part : p.closures().parts()) {
                helper(p, part, out);
            }
        }
        out.line("program " + p.programName() + ".aleo {");
        String params = p.inputs().stream()
                .map(in -> mode(in.visibility()) + in.reg().name() + ": " + in.reg().type().leo())
                .collect(Collectors.joining(", "));
        out.line("    fn " + p.function() + "(" + params + ")" + returnType(p.outputs()) + " {", "input");
        if (p.closures() == null) {
            statements(p.body(), LeoPrinter::operand, "        ", out);
        } else {
            for (ClosureLayout.Part part : p.closures().parts()) {
                String layer = p.body().get(part.from()).layer();
                out.line("        let " + bind(part.outputs()) + " = " + part.name() + "("
                        + part.inputs().stream().map(ClosureLayout.Container::name).collect(Collectors.joining(", "))
                        + ");", layer);
            }
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
                    + c.args().stream().map(operand).collect(Collectors.joining(", ")) + ");", c.layer());
        }
        for (IrAssertion a : p.assertions()) {
            out.line("        assert_eq(" + operand.apply(a.a()) + ", " + operand.apply(a.b()) + ");", a.layer());
        }
        out.line("        return " + returnValue(p.outputs(), operand) + ";", "output");
        out.line("    }");
        out.line("");
        out.line("    @noupgrade");
        out.line("    constructor() {}");
        out.line("}");
        return out.result();
    }

    private static void statements(List<Instruction> body, Function<Operand, String> operand, String indent,
                                   TextSink out) {
        String layer = null;
        for (Instruction ins : body) {
            if (!ins.layer().equals(layer)) {
                layer = ins.layer();
                out.line(indent + "// " + layer, layer);
            }
            out.line(indent + "let " + ins.dst().name() + ": " + ins.dst().type().leo() + " = "
                    + expression(ins, operand) + ";", ins.layer());
        }
    }

    /** One closure of the layout as a helper fn: its inputs, its share of the body, its containers returned. */
    private static void helper(IrProgram p, ClosureLayout.Part part, TextSink out) {
        List<Instruction> body = p.body().subList(part.from(), part.to());
        // The fn's own registers: body instruction i writes IR register inputs + i (IrProgram checks
        // the numbering), so a range, not a set of boxed indices.
        int first = p.inputs().size() + part.from();
        int end = p.inputs().size() + part.to();
        Function<Operand, String> operand = o -> Literals.operand(o, r -> r.index() >= first && r.index() < end
                ? r.name() : where(p, r));
        String params = part.inputs().stream().map(c -> c.name() + ": " + c.type().leo())
                .collect(Collectors.joining(", "));
        out.line("fn " + part.name() + "(" + params + ") -> " + types(part.outputs()) + " {", "input");
        statements(body, operand, "    ", out);
        List<String> values = new ArrayList<>();
        for (ClosureLayout.Container c : part.outputs()) {
            values.add(c.whole() != null ? c.whole().name()
                    : "[" + c.packed().stream().map(operand).collect(Collectors.joining(", ")) + "]");
        }
        out.line("    return " + (values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")") + ";",
                "output");
        out.line("}");
        out.line("");
    }

    private static String types(List<ClosureLayout.Container> cs) {
        List<String> t = cs.stream().map(c -> c.type().leo()).toList();
        return t.size() == 1 ? t.get(0) : "(" + String.join(", ", t) + ")";
    }

    private static String bind(List<ClosureLayout.Container> cs) {
        List<String> n = cs.stream().map(ClosureLayout.Container::name).toList();
        return (n.size() == 1 ? n.get(0) : "(" + String.join(", ", n) + ")") + ": " + types(cs);
    }

    /** A value outside the fn that computes it: an input, a chain call's result or a closure's container. */
    private static String where(IrProgram p, Operand.Reg r) {
        ClosureLayout.Location l = p.closures().locations().get(r.index());
        if (l == null) {
            return r.name();
        }
        return l.container().name() + (l.isWhole() ? "" : "[" + Literals.index(l.slot()) + "]");
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

    private static String returnValue(List<IrOutput> outputs, Function<Operand, String> operand) {
        List<String> values = outputs.stream().map(o -> operand.apply(o.value())).toList();
        return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
    }

    static String expression(Instruction ins) {
        return expression(ins, LeoPrinter::operand);
    }

    static String expression(Instruction ins, Function<Operand, String> operand) {
        if (ins instanceof Instruction.Cast c) {
            if (c.lossy()) {
                // Leo has no truncating cast operator; the generator never lowers to cast.lossy
                // (see docs/ENCODING.md), so reaching this is a bug in the lowering, not a user error.
                throw new IllegalStateException("Leo cannot express cast.lossy (layer " + c.layer() + ")");
            }
            return operand.apply(c.src()) + " as " + c.dst().type().leo();
        } else if (ins instanceof Instruction.Binary b) {
            return operand.apply(b.a()) + " " + b.op().leoOperator() + " " + operand.apply(b.b());
        } else if (ins instanceof Instruction.Ternary t) {
            return operand.apply(t.condition()) + " ? " + operand.apply(t.ifTrue()) + " : " + operand.apply(t.ifFalse());
        } else if (ins instanceof Instruction.Hash h) {
            return (h.algorithm().equals("psd8") ? "Poseidon8" : "Poseidon2") + "::hash_to_field(" + operand.apply(h.src()) + ")";
        }
        Instruction.ArrayNew a = (Instruction.ArrayNew) ins;
        return "[" + a.elements().stream().map(operand).collect(Collectors.joining(", ")) + "]";
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
