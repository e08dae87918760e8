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
            Spelled line = new Spelled(out);
            for (Instruction ins : p.body()) {
                line.text("    ");
                instruction(ins, REGISTERS, ins.dst().index(), line);
                line.end(ins.layer());
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
            Registers regs = (r, to) -> {
                int mine = local.applyAsInt(r.index());
                if (mine >= 0) {
                    to.text("r");
                    to.number(mine);
                    return;
                }
                ClosureLayout.Location where = locate(p, r);
                to.text("r");
                to.number(inputs.get(where.container()));
                slot(where, to);
            };
            Function<Operand, String> operand = o -> spelled(o, regs);
            Spelled line = new Spelled(out);
            for (int i = part.from(); i < part.to(); i++) {
                Instruction ins = p.body().get(i);
                line.text("    ");
                instruction(ins, regs, local.applyAsInt(ins.dst().index()), line);
                line.end(ins.layer());
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

    private static void slot(ClosureLayout.Location where, Spelling to) {
        if (!where.isWhole()) {
            to.text("[");
            to.number(where.slot());
            to.text("u32]"); // Literals.index
        }
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
        StringBuilder text = new StringBuilder();
        instruction(ins, REGISTERS, ins.dst().index(), new Spelled(text));
        return text.toString();
    }

    /**
     * Spells {@code ins}, its operands' registers named by {@code regs} and its destination {@code r<dst>}. The one
     * spelling of an instruction, whether the text is written or only its length counted ({@link #size}).
     */
    private static void instruction(Instruction ins, Registers regs, int dst, Spelling to) {
        if (ins instanceof Instruction.Binary b) {
            to.text(b.op().opcode());
            operand(b.a(), regs, to);
            operand(b.b(), regs, to);
        } else if (ins instanceof Instruction.Cast c) {
            to.text(c.lossy() ? "cast.lossy" : "cast");
            operand(c.src(), regs, to);
        } else if (ins instanceof Instruction.Ternary t) {
            to.text("ternary");
            operand(t.condition(), regs, to);
            operand(t.ifTrue(), regs, to);
            operand(t.ifFalse(), regs, to);
        } else if (ins instanceof Instruction.Hash h) {
            to.text("hash.");
            to.text(h.algorithm());
            operand(h.src(), regs, to);
        } else {
            to.text("cast");
            for (Operand e : ((Instruction.ArrayNew) ins).elements()) {
                operand(e, regs, to);
            }
        }
        to.text(" into r");
        to.number(dst);
        if (ins instanceof Instruction.Cast || ins instanceof Instruction.ArrayNew) {
            to.text(" as ");
            to.text(ins.dst().type().aleo());
        } else if (ins instanceof Instruction.Hash) {
            to.text(" as field");
        }
        to.text(";");
    }

    /** An operand after a space, as {@link Literals#operand} spells it. */
    private static void operand(Operand o, Registers regs, Spelling to) {
        to.text(" ");
        if (o instanceof Operand.Reg r) {
            regs.spell(r, to);
        } else if (o instanceof Operand.Element e) {
            regs.spell(e.array(), to);
            to.text("[");
            to.number(e.index());
            to.text("u32]"); // Literals.index
        } else {
            to.literal((Operand.Const) o);
        }
    }

    /** {@code o} as {@code regs} names its register, as text. */
    private static String spelled(Operand o, Registers regs) {
        StringBuilder text = new StringBuilder();
        operand(o, regs, new Spelled(text));
        return text.substring(1);
    }

    /** How a register read is named where it is read: its own {@code r<n>}, or a closure's local or container. */
    @FunctionalInterface
    private interface Registers {
        void spell(Operand.Reg r, Spelling to);
    }

    /** Every register by its own number (a function without closures). */
    private static final Registers REGISTERS = (r, to) -> {
        to.text("r");
        to.number(r.index());
    };

    /** Where an instruction is spelled: into a text, or only counted ({@link #size}). */
    private interface Spelling {
        void text(String s);

        /** A number at least 0, in decimal. */
        void number(int n);

        void literal(Operand.Const c);
    }

    /**
     * Spells lines into a text, or, when the sink only measures, counts their lengths as written and as snarkVM
     * prints them back without making the strings: a chain search measures every candidate's megabytes of text.
     * The counts are exact ({@link TextSink#line(String)}'s): the fixed parts hold no minus sign, so the only
     * negative field literals are operands, each after a space and before a space or ';' ({@link #snarkVmLength}).
     */
    private static final class Spelled implements Spelling {
        private final StringBuilder text;
        private final TextSink sink;
        private long written;
        private long longer;

        /** Lines into {@code sink}: counted when it only measures. */
        Spelled(TextSink sink) {
            this.sink = sink;
            this.text = sink.measures() ? null : new StringBuilder();
        }

        /** Into {@code text}. */
        Spelled(StringBuilder text) {
            this.sink = null;
            this.text = text;
        }

        @Override
        public void text(String s) {
            if (text != null) {
                text.append(s);
            } else {
                written += s.length();
            }
        }

        @Override
        public void number(int n) {
            if (text != null) {
                text.append(n);
            } else {
                written += Literals.digits(n);
            }
        }

        @Override
        public void literal(Operand.Const c) {
            if (text != null) {
                text.append(Literals.of(c));
            } else {
                written += Literals.length(c);
                longer += Literals.residueExcess(c);
            }
        }

        /** Ends the line, of {@code layer}. */
        void end(String layer) {
            if (text != null) {
                sink.line(text.toString(), layer);
                text.setLength(0);
            } else {
                sink.measured(written, written + longer);
                written = 0;
                longer = 0;
            }
        }
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
