package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.BinaryOp;
import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrAssertion;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a calibration probe's Aleo text back into IR, so the calibrator can take out what the
 * gadget rules already explain and tests can check the cost model against every measured probe.
 * Handles only the instruction forms the probes use.
 */
final class ProbeParser {

    private static final ProgramHeader HEADER = new ProgramHeader("probe", "0".repeat(64), "1".repeat(64), "test");
    private final Map<Integer, Operand.Reg> regs = new HashMap<>();

    static IrProgram parse(String text) {
        return new ProbeParser().read(text);
    }

    private IrProgram read(String text) {
        List<IrInput> inputs = new ArrayList<>();
        List<Instruction> body = new ArrayList<>();
        List<IrOutput> outputs = new ArrayList<>();
        List<IrAssertion> assertions = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("constructor")) {
                break; // not part of the function's circuit text (its cost is the "constructor" entry)
            }
            if (line.isEmpty() || line.startsWith("program") || line.startsWith("function")) {
                continue;
            }
            line = line.substring(0, line.length() - 1); // ';'
            String[] w = line.split(" ");
            switch (w[0]) {
                case "input" -> {
                    String type = line.substring(line.indexOf(" as ") + 4, line.lastIndexOf('.'));
                    inputs.add(new IrInput(define(w[1], type(type)), Visibility.PRIVATE));
                }
                case "output" -> {
                    String type = line.substring(line.indexOf(" as ") + 4, line.lastIndexOf('.'));
                    outputs.add(new IrOutput(operand(w[1], type(type)), Visibility.PUBLIC, "out"));
                }
                case "assert.eq" -> {
                    Operand a = operand(w[1], null);
                    assertions.add(new IrAssertion(a, operand(w[2], a.type()), "probe"));
                }
                default -> body.add(instruction(line, w));
            }
        }
        return new IrProgram(HEADER, "probe", "main", inputs, body, outputs, assertions);
    }

    private Instruction instruction(String line, String[] w) {
        int into = List.of(w).indexOf("into");
        String dst = w[into + 1];
        List<String> args = List.of(w).subList(1, into);
        switch (w[0]) {
            case "cast", "cast.lossy" -> {
                IrType t = type(line.substring(line.indexOf(" as ") + 4));
                if (t instanceof ArrayType a) {
                    List<Operand> elems = args.stream().map(s -> operand(s, a.element())).toList();
                    return new Instruction.ArrayNew(elems, define(dst, t), "probe");
                }
                return new Instruction.Cast(operand(args.get(0), null), define(dst, t), w[0].equals("cast.lossy"), "probe");
            }
            case "hash.psd2", "hash.psd8" -> {
                return new Instruction.Hash(operand(args.get(0), null), define(dst, ScalarType.FIELD), "probe",
                        w[0].substring("hash.".length()));
            }
            case "ternary" -> {
                Operand c = operand(args.get(0), ScalarType.BOOLEAN);
                IrType t = typeOf(args.get(1), args.get(2));
                return new Instruction.Ternary(c, operand(args.get(1), t), operand(args.get(2), t), define(dst, t), "probe");
            }
            default -> {
                BinaryOp op = BinaryOp.valueOf(w[0].toUpperCase());
                IrType t = typeOf(args.get(0), args.get(1));
                Operand a = operand(args.get(0), t);
                Operand b = operand(args.get(1), op == BinaryOp.SHR ? null : t);
                return new Instruction.Binary(op, a, b, define(dst, op.comparison() ? ScalarType.BOOLEAN : t), "probe");
            }
        }
    }

    /** The type of whichever operand is not a literal, else of the first. */
    private IrType typeOf(String x, String y) {
        Operand a = isRegister(x) ? operand(x, null) : null;
        return a != null ? a.type() : isRegister(y) ? operand(y, null).type() : literal(x, null).type();
    }

    private static boolean isRegister(String s) {
        return s.startsWith("r") && Character.isDigit(s.charAt(1));
    }

    private Operand operand(String s, IrType expected) {
        if (!isRegister(s)) {
            return literal(s, expected);
        }
        int bracket = s.indexOf('[');
        if (bracket < 0) {
            return regs.get(Integer.parseInt(s.substring(1)));
        }
        Operand.Reg array = regs.get(Integer.parseInt(s.substring(1, bracket)));
        return new Operand.Element(array, Integer.parseInt(s.substring(bracket + 1, s.indexOf("u32"))));
    }

    private static Operand.Const literal(String s, IrType expected) {
        for (ScalarType t : ScalarType.values()) {
            String suffix = t == ScalarType.BOOLEAN ? "bool" : t.aleo();
            if (s.endsWith(suffix) && isNumber(s.substring(0, s.length() - suffix.length()))) {
                BigInteger v = new BigInteger(s.substring(0, s.length() - suffix.length()));
                return new Operand.Const(t, t == ScalarType.FIELD ? v.mod(ScalarType.FIELD_MODULUS) : v);
            }
        }
        throw new IllegalArgumentException("not a literal: " + s);
    }

    private static boolean isNumber(String s) {
        return s.matches("-?[0-9]+");
    }

    private Operand.Reg define(String name, IrType t) {
        int index = Integer.parseInt(name.substring(1));
        Operand.Reg r = new Operand.Reg(index, t, name);
        regs.put(index, r);
        return r;
    }

    static IrType type(String s) {
        if (s.startsWith("[")) {
            return PlaintextPacking.parse(s);
        }
        for (ScalarType t : ScalarType.values()) {
            if (t.aleo().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type " + s);
    }
}
