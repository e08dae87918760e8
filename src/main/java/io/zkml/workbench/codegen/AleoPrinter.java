package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/** Prints an {@link IrProgram} as Aleo instructions ({@code build/main.aleo}). */
public final class AleoPrinter {

    public PrintedProgram print(IrProgram p) {
        return print(p, new TextSink()).result();
    }

    /**
     * The size of {@code p}'s text, printed line by line but not kept: a chain search needs only that of
     * each candidate it prices (megabytes of text, and a map of line spans, per candidate).
     */
    public ProgramSize size(IrProgram p) {
        return print(p, TextSink.measuring()).size();
    }

    private TextSink print(IrProgram p, TextSink out) {
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
        FunctionView view = p.closures() == null ? null : closures(p, out);
        Function<Operand, String> operand = view == null ? AleoPrinter::operand : view.operand();
        out.line("function " + p.function() + ":");
        for (IrInput in : p.inputs()) {
            out.line("    input " + reg(in.reg()) + " as " + in.reg().type().aleo() + "." + in.visibility().aleo() + ";",
                    "input");
        }
        if (view == null) {
            for (Instruction ins : p.body()) {
                out.line("    " + instruction(ins), ins.layer());
            }
        } else {
            for (int k = 0; k < view.calls().size(); k++) {
                ClosureLayout.Part part = p.closures().parts().get(k);
                out.line("    " + view.calls().get(k), p.body().get(part.from()).layer());
            }
        }
        if (p.call() != null) {
            out.line("    " + call(p.call(), operand), p.call().layer());
        }
        for (IrAssertion a : p.assertions()) {
            out.line("    assert.eq " + operand.apply(a.a()) + " " + operand.apply(a.b()) + ";", a.layer());
        }
        for (IrOutput o : p.outputs()) {
            out.line("    output " + operand.apply(o.value()) + " as " + o.value().type().aleo() + "."
                    + o.visibility().aleo() + ";", "output");
        }
        // snarkVM requires a constructor to deploy; edition 0 with no upgrade path matches Leo's @noupgrade.
        out.line("");
        out.line("constructor:");
        out.line("    assert.eq edition 0u16;");
        return out;
    }

    /**
     * Prints the closures of {@code p}'s layout, each numbering its registers from r0 (its inputs),
     * and the function's calls of them; returns how the function reads a value after the calls.
     */
    private static FunctionView closures(IrProgram p, TextSink out) {
        ClosureLayout layout = p.closures();
        for (ClosureLayout.Part part : layout.parts()) {
            out.line("closure " + part.name() + ":");
            Map<ClosureLayout.Container, Integer> inputs = new IdentityHashMap<>();
            int next = 0;
            for (ClosureLayout.Container c : part.inputs()) {
                inputs.put(c, next);
                out.line("    input r" + next++ + " as " + c.type().aleo() + ";", "input");
            }
            // The part's instructions write r<next>.. in order: body instruction i writes IR register
            // inputs + i (IrProgram checks the numbering), so a local number is an offset, not a map entry.
            int firstLocal = next;
            int firstIr = p.inputs().size() + part.from();
            int count = part.to() - part.from();
            IntUnaryOperator local = ir -> ir >= firstIr && ir < firstIr + count ? firstLocal + ir - firstIr : -1;
            next += count;
            Function<Operand, String> operand = o -> Literals.operand(o, r -> {
                int mine = local.applyAsInt(r.index());
                if (mine >= 0) {
                    return "r" + mine;
                }
                ClosureLayout.Location where = locate(p, r);
                return "r" + inputs.get(where.container()) + slot(where);
            });
            for (int i = part.from(); i < part.to(); i++) {
                Instruction ins = p.body().get(i);
                out.line("    " + instruction(ins, operand, "r" + local.applyAsInt(ins.dst().index())), ins.layer());
            }
            List<String> outputs = new ArrayList<>();
            String lastLayer = p.body().get(part.to() - 1).layer();
            for (ClosureLayout.Container c : part.outputs()) {
                if (c.whole() != null) {
                    outputs.add("r" + local.applyAsInt(c.whole().index()) + " as " + c.type().aleo());
                } else {
                    int r = next++;
                    out.line("    cast " + c.packed().stream().map(operand).collect(Collectors.joining(" ")) + " into r" + r
                            + " as " + c.type().aleo() + ";", lastLayer);
                    outputs.add("r" + r + " as " + c.type().aleo());
                }
            }
            for (String o : outputs) {
                out.line("    output " + o + ";", "output");
            }
            out.line("");
        }
        // The function: its inputs keep r0.., then each closure's results, then the chain call's.
        Map<ClosureLayout.Container, Integer> held = new IdentityHashMap<>();
        Map<Integer, Integer> callResults = new HashMap<>();
        int next = p.inputs().size();
        List<String> calls = new ArrayList<>();
        for (ClosureLayout.Part part : layout.parts()) {
            StringBuilder s = new StringBuilder("call " + part.name());
            for (ClosureLayout.Container c : part.inputs()) {
                s.append(" r").append(c.whole() != null && c.whole().index() < p.inputs().size()
                        ? c.whole().index() : held.get(c));
            }
            s.append(" into");
            for (ClosureLayout.Container c : part.outputs()) {
                held.put(c, next);
                s.append(" r").append(next++);
            }
            calls.add(s.append(";").toString());
        }
        if (p.call() != null) {
            for (Operand.Reg r : p.call().results()) {
                callResults.put(r.index(), next++);
            }
        }
        Function<Operand, String> operand = o -> Literals.operand(o, r -> {
            if (r.index() < p.inputs().size()) {
                return reg(r);
            }
            Integer result = callResults.get(r.index());
            if (result != null) {
                return "r" + result;
            }
            ClosureLayout.Location where = locate(p, r);
            return "r" + held.get(where.container()) + slot(where);
        });
        return new FunctionView(calls, operand);
    }

    /** The function's closure calls, and how it reads a value after them. */
    private record FunctionView(List<String> calls, Function<Operand, String> operand) {
    }

    private static ClosureLayout.Location locate(IrProgram p, Operand.Reg r) {
        ClosureLayout.Location where = p.closures().locations().get(r.index());
        if (where == null) {
            throw new IllegalStateException("r" + r.index() + " is read outside its closure but not returned by it");
        }
        return where;
    }

    private static String slot(ClosureLayout.Location where) {
        return where.isWhole() ? "" : "[" + Literals.index(where.slot()) + "]";
    }

    private static final java.util.regex.Pattern NEGATIVE_FIELD = java.util.regex.Pattern.compile("(?<![\\w.])-(\\d+)field\\b");

    /**
     * {@code aleoText} with every negative field literal ({@code -3field}) spelled as its residue, as
     * programs were printed before the shorter spelling: the same constants, so two texts that differ
     * only in that spelling are one program (the bundle's "program from model" check compares them so).
     */
    public static String canonicalFieldLiterals(String aleoText) {
        return NEGATIVE_FIELD.matcher(aleoText).replaceAll(m -> ScalarType.FIELD_MODULUS
                .subtract(new java.math.BigInteger(m.group(1))).mod(ScalarType.FIELD_MODULUS) + "field");
    }

    /**
     * The length of {@code aleoText} as snarkVM prints it back (its Display of the parsed program), which is
     * what it holds against MAX_PROGRAM_SIZE when a program is deployed: comment lines are dropped and a
     * negative field literal is printed as its residue ({@code -3field} as 76 digits), so the count is
     * larger than the text written. Checked against the SDK's {@code Program.toString()} (AleoPrinterTest).
     * The parser holds the written text itself against the same limit, so both lengths must fit.
     */
    public static long snarkVmLength(String aleoText) {
        return snarkVmLength(aleoText, new HashMap<>());
    }

    /** {@link #snarkVmLength(String)}, remembering residue lengths in {@code residueLength} across calls. */
    static long snarkVmLength(String aleoText, Map<String, Integer> residueLength) {
        long length = aleoText.length();
        int at = 0;
        while (at < aleoText.length()) {
            int end = aleoText.indexOf('\n', at);
            end = end < 0 ? aleoText.length() : end;
            if (aleoText.startsWith("//", at)) {
                length -= end - at + 1;
            }
            at = end + 1;
        }
        // NEGATIVE_FIELD's matches, found by hand: the regex took a tenth of a fashion-cnn compile, which
        // checks every candidate program of a chain search (megabytes of text each).
        int n = aleoText.length();
        for (int minus = aleoText.indexOf('-'); minus >= 0; minus = aleoText.indexOf('-', minus + 1)) {
            if (minus > 0 && (isWordChar(aleoText.charAt(minus - 1)) || aleoText.charAt(minus - 1) == '.')) {
                continue;
            }
            int digitsEnd = minus + 1;
            while (digitsEnd < n && aleoText.charAt(digitsEnd) >= '0' && aleoText.charAt(digitsEnd) <= '9') {
                digitsEnd++;
            }
            if (digitsEnd == minus + 1 || !aleoText.startsWith("field", digitsEnd)
                    || (digitsEnd + 5 < n && isWordChar(aleoText.charAt(digitsEnd + 5)))) {
                continue;
            }
            String digits = aleoText.substring(minus + 1, digitsEnd);
            int residue = residueLength.computeIfAbsent(digits, d -> ScalarType.FIELD_MODULUS
                    .subtract(new java.math.BigInteger(d)).mod(ScalarType.FIELD_MODULUS).toString().length());
            length += residue - (digits.length() + 1);
        }
        return length;
    }

    /** Java regex's {@code \w}: the characters a {@code \b} boundary separates from others. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static String call(IrCall c, Function<Operand, String> operand) {
        return "call " + c.programId() + "/" + c.function() + " "
                + c.args().stream().map(operand).collect(Collectors.joining(" "))
                + " into " + c.results().stream().map(operand).collect(Collectors.joining(" ")) + ";";
    }

    static String instruction(Instruction ins) {
        return instruction(ins, AleoPrinter::operand, reg(ins.dst()));
    }

    static String instruction(Instruction ins, Function<Operand, String> operand, String dstReg) {
        String dst = " into " + dstReg;
        if (ins instanceof Instruction.Cast c) {
            return (c.lossy() ? "cast.lossy " : "cast ") + operand.apply(c.src()) + dst + " as " + c.dst().type().aleo() + ";";
        } else if (ins instanceof Instruction.Binary b) {
            return b.op().opcode() + " " + operand.apply(b.a()) + " " + operand.apply(b.b()) + dst + ";";
        } else if (ins instanceof Instruction.Ternary t) {
            return "ternary " + operand.apply(t.condition()) + " " + operand.apply(t.ifTrue()) + " "
                    + operand.apply(t.ifFalse()) + dst + ";";
        } else if (ins instanceof Instruction.Hash h) {
            return "hash." + h.algorithm() + " " + operand.apply(h.src()) + dst + " as field;";
        }
        Instruction.ArrayNew a = (Instruction.ArrayNew) ins;
        return "cast " + a.elements().stream().map(operand).collect(Collectors.joining(" "))
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
