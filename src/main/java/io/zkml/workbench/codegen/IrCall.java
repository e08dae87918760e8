package io.zkml.workbench.codegen;

import java.util.List;

/**
 * A {@code call} of another program's function at the end of a function's body (a segment of a
 * program chain handing its activations to the next segment): one more transition of the same
 * execution, proven in the same batch proof. Its results are fresh registers numbered after the
 * body; the function's outputs return them.
 *
 * @param program  the callee's program name without {@code .aleo}
 * @param args     the values passed, in the callee's input order (private there)
 * @param results  the registers the callee's outputs land in, in its output order
 * @param layer    the layer key its cost and text are attributed to
 */
public record IrCall(String program, String function, List<Operand> args, List<Operand.Reg> results, String layer) {

    public IrCall {
        args = List.copyOf(args);
        results = List.copyOf(results);
        Identifiers.requireAleoIdentifier(program, "program name");
        Identifiers.requireAleoIdentifier(function, "function name");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a segment call returns the chain's outputs");
        }
    }

    /** {@code name.aleo}. */
    public String programId() {
        return program + ".aleo";
    }
}
