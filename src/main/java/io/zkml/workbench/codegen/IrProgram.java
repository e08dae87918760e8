package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lowered Aleo program with a single entry function: the common source of the Aleo
 * instructions and the Leo text.
 *
 * @param programName the Aleo program name without {@code .aleo}
 * @param function    the entry function's name
 * @param commitmentLayer the layer key of the instructions that commit to private weights (a name no
 *                    model layer has), or null when the weights are constants: the weights'
 *                    commitment is the function's, not any layer's
 * @param call        the call of the next segment of a program chain after the body, or null (a whole
 *                    model, or the chain's last segment)
 * @param closures    how the body is printed as closures the function calls, or null to print it in the
 *                    function itself; the body, its cost and its meaning are the same either way
 */
public record IrProgram(ProgramHeader header, String programName, String function, List<IrInput> inputs,
                        List<Instruction> body, List<IrOutput> outputs, List<IrAssertion> assertions,
                        String commitmentLayer, IrCall call, ClosureLayout closures) {

    public IrProgram {
        inputs = List.copyOf(inputs);
        body = List.copyOf(body);
        outputs = List.copyOf(outputs);
        assertions = List.copyOf(assertions);
        Identifiers.requireAleoIdentifier(programName, "program name");
        Identifiers.requireAleoIdentifier(function, "function name");
        if (closures == null || !closures.laysOut(inputs, body, call, outputs)) {
            checkSsa(inputs, body, call, outputs);
        }
        if (closures != null && (closures.parts().isEmpty() || closures.parts().get(0).from() != 0
                || closures.parts().get(closures.parts().size() - 1).to() != body.size())) {
            throw new IllegalArgumentException("the closures do not cover the body");
        }
    }

    public IrProgram(ProgramHeader header, String programName, String function, List<IrInput> inputs,
                     List<Instruction> body, List<IrOutput> outputs, List<IrAssertion> assertions,
                     String commitmentLayer, IrCall call) {
        this(header, programName, function, inputs, body, outputs, assertions, commitmentLayer, call, null);
    }

    /**
     * The same program under another header (the comment naming the model file, the spec's hash and the tool):
     * nothing else in the program depends on it, and its printed length is the same for the same model and tool.
     */
    public IrProgram withHeader(ProgramHeader other) {
        return other.equals(header) ? this
                : new IrProgram(other, programName, function, inputs, body, outputs, assertions, commitmentLayer, call, closures);
    }

    /**
     * The same program with its body printed as closures of at most {@code maxInstructions}
     * instructions each ({@link ClosureLayout#split}); the body and so the circuit are unchanged.
     */
    public IrProgram withClosures(int maxInstructions) {
        return new IrProgram(header, programName, function, inputs, body, outputs, assertions, commitmentLayer, call,
                ClosureLayout.split(this, maxInstructions));
    }

    /**
     * The keys of its printed texts' line maps ({@link PrintedProgram#layerLines}), found without printing them: the
     * layers its instructions, its call and its assertions belong to, "input" for its signature's inputs and "output"
     * for its outputs, as both printers mark them (closures included). The code view asks it on the FX thread,
     * where neither text may be printed yet.
     */
    public java.util.Set<String> markedLayers() {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (!inputs.isEmpty()) {
            out.add("input");
        }
        String last = null;
        for (Instruction ins : body) {
            if (!ins.layer().equals(last)) { // runs of one layer: one set look-up per run
                last = ins.layer();
                out.add(last);
            }
        }
        if (call != null) {
            out.add(call.layer());
        }
        assertions.forEach(a -> out.add(a.layer()));
        if (!outputs.isEmpty()) {
            out.add("output");
        }
        return out;
    }

    /** Instructions of the function itself (not counting its closures'). */
    public int functionInstructions() {
        return closures == null ? body.size() : ClosureLayout.functionInstructions(this);
    }

    public IrProgram(ProgramHeader header, String programName, String function, List<IrInput> inputs,
                     List<Instruction> body, List<IrOutput> outputs, List<IrAssertion> assertions,
                     String commitmentLayer) {
        this(header, programName, function, inputs, body, outputs, assertions, commitmentLayer, null, null);
    }

    public IrProgram(ProgramHeader header, String programName, String function, List<IrInput> inputs,
                     List<Instruction> body, List<IrOutput> outputs) {
        this(header, programName, function, inputs, body, outputs, List.of(), null, null, null);
    }

    public IrProgram(ProgramHeader header, String programName, String function, List<IrInput> inputs,
                     List<Instruction> body, List<IrOutput> outputs, List<IrAssertion> assertions) {
        this(header, programName, function, inputs, body, outputs, assertions, null, null, null);
    }

    /** Registers must be numbered in definition order (as snarkVM requires) and read only after they are written. */
    private static void checkSsa(List<IrInput> inputs, List<Instruction> body, IrCall call, List<IrOutput> outputs) {
        int next = 0;
        for (IrInput in : inputs) {
            if (in.reg().index() != next++) {
                throw new IllegalArgumentException("input " + in.reg().name() + " is r" + in.reg().index()
                        + ", expected r" + (next - 1));
            }
        }
        for (Instruction ins : body) {
            // The common instructions' operands read directly: reads() allocates a list per instruction,
            // and every candidate of a chain search (up to 85,000 instructions) is checked twice.
            if (ins instanceof Instruction.Binary bin) {
                requireDefined(bin.a(), next, ins);
                requireDefined(bin.b(), next, ins);
            } else if (ins instanceof Instruction.Cast c) {
                requireDefined(c.src(), next, ins);
            } else {
                for (Operand o : ins.reads()) {
                    requireDefined(o, next, ins);
                }
            }
            if (ins.dst().index() != next++) {
                throw new IllegalArgumentException("instruction writes r" + ins.dst().index() + ", expected r" + (next - 1));
            }
        }
        if (call != null) {
            for (Operand o : call.args()) {
                requireDefined(o, next, call);
            }
            for (Operand.Reg r : call.results()) {
                if (r.index() != next++) {
                    throw new IllegalArgumentException("call result is r" + r.index() + ", expected r" + (next - 1));
                }
            }
        }
        for (IrOutput out : outputs) {
            requireDefined(out.value(), next, out);
        }
    }

    private static void requireDefined(Operand o, int defined, Object where) {
        Operand.Reg r = o instanceof Operand.Reg reg ? reg : o instanceof Operand.Element e ? e.array() : null;
        if (r != null && r.index() >= defined) {
            throw new IllegalArgumentException(where + " reads r" + r.index() + " before it is written");
        }
    }

    /** Programs this one imports (the next segment of a chain), in import order. */
    public List<String> imports() {
        return call == null ? List.of() : List.of(call.programId());
    }

    /** Instructions grouped by source layer, in first-appearance order. */
    public Map<String, List<Instruction>> byLayer() {
        Map<String, List<Instruction>> m = new LinkedHashMap<>();
        for (Instruction i : body) {
            m.computeIfAbsent(i.layer(), k -> new ArrayList<>()).add(i);
        }
        return m;
    }
}
