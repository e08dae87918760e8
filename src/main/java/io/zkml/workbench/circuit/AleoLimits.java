package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ClosureLayout;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.ProgramSize;
import io.zkml.workbench.codegen.IrType;

import java.util.ArrayList;
import java.util.List;

/**
 * snarkVM's limits that a generated program can hit, as of one consensus version. Values from
 * ProvableHQ/snarkVM {@code console/network/src/lib.rs} (trait Network constants); the array
 * limit was also checked against the SDK 0.11.10 parser (2048 elements parse, 2049 do not), as
 * were 16 inputs and 16 outputs (17 fail to parse).
 *
 * @param maxProgramSize    characters of program text (deployment)
 * @param offlineSrsLog2    largest SRS degree whose files ship in /work/shared/aleo-params
 */
public record AleoLimits(ConsensusVersion consensus, int maxInputs, int maxOutputs, int maxArrayElements,
                         int maxInstructions, long maxProgramSize, long maxDeploymentConstraints,
                         long maxDeploymentVariables, int offlineSrsLog2) {

    public static final String SOURCE = "snarkVM console/network/src/lib.rs";

    public static AleoLimits at(ConsensusVersion v) {
        int arrays = v.compareTo(ConsensusVersion.V14) >= 0 ? 2048 : v.compareTo(ConsensusVersion.V11) >= 0 ? 512 : 32;
        long size = v.compareTo(ConsensusVersion.V16) >= 0 ? 2_048_000 : v.compareTo(ConsensusVersion.V14) >= 0 ? 512_000 : 100_000;
        // MAX_DEPLOYMENT_{CONSTRAINTS,VARIABLES} = 2^21 were per-transaction limits up to V16; from V17 a
        // per-proposal synthesis budget replaces them, which a single program cannot be checked against.
        long deploy = v.compareTo(ConsensusVersion.V17) >= 0 ? Long.MAX_VALUE : 1L << 21;
        return new AleoLimits(v, 16, 16, arrays, 65_535, size, deploy, deploy, 16);
    }

    public static AleoLimits latest() {
        return at(ConsensusVersion.LATEST);
    }

    /** Every limit {@code p} (printed as {@code aleoText}, predicted at {@code circuit}) exceeds. */
    public List<LimitViolation> check(IrProgram p, String aleoText, CircuitInfo circuit) {
        return checkAll(p, aleoText, circuit).stream().filter(c -> !c.passed()).map(LimitCheck::violation).toList();
    }

    /**
     * Every limit checked, passed or not, with its numbers. Arrays the function computes are one
     * check for the largest of them, plus one per array over the limit; inputs and outputs are
     * checked one by one (there are at most 16 of each).
     */
    public List<LimitCheck> checkAll(IrProgram p, String aleoText, CircuitInfo circuit) {
        return checkAll(p, ProgramSize.of(aleoText), circuit);
    }

    /** {@link #checkAll(IrProgram, String, CircuitInfo)} with the text's size measured already. */
    public List<LimitCheck> checkAll(IrProgram p, ProgramSize size, CircuitInfo circuit) {
        List<LimitCheck> v = new ArrayList<>(programChecks(p, size));
        v.addAll(circuitChecks(circuit));
        return v;
    }

    /**
     * The checks of {@link #checkAll(IrProgram, ProgramSize, CircuitInfo)} that read the program and its text only,
     * in the same order: a program failing one of them fails whatever its circuit costs.
     */
    public List<LimitCheck> programChecks(IrProgram p, ProgramSize size) {
        List<LimitCheck> v = new ArrayList<>();
        String at = SOURCE + ", consensus " + consensus;
        v.add(new LimitCheck("MAX_INPUTS", maxInputs, p.inputs().size(), "inputs of function " + p.function(), at));
        v.add(new LimitCheck("MAX_OUTPUTS", maxOutputs, p.outputs().size(), "outputs of function " + p.function(), at));
        for (IrInput in : p.inputs()) {
            array(v, in.reg().type(), "input " + in.reg().name(), at);
        }
        for (IrOutput out : p.outputs()) {
            array(v, out.value().type(), "output " + out.name(), at);
        }
        LimitCheck largest = null;
        boolean anyOver = false;
        for (var i : p.body()) {
            // A check (its message spelled) only for an array that is over or the largest so far: a candidate
            // of fashion-cnn's partition search computes thousands of arrays, and spelling each cost more than
            // the rest of the checks.
            if (i.dst().type() instanceof ArrayType a && (a.length() > maxArrayElements || largest == null
                    || a.length() > largest.actual())) {
                LimitCheck c = new LimitCheck("MAX_ARRAY_ELEMENTS", maxArrayElements, a.length(),
                        "elements of array " + i.dst().name() + " (layer " + i.layer() + ")", at);
                if (!c.passed()) {
                    v.add(c);
                    anyOver = true;
                } else {
                    largest = c;
                }
            }
        }
        if (largest != null && !anyOver) {
            v.add(new LimitCheck(largest.limit(), largest.allowed(), largest.actual(),
                    "elements of the largest array computed, " + largest.what().substring("elements of array ".length()),
                    at));
        }
        v.add(new LimitCheck("MAX_INSTRUCTIONS", maxInstructions, p.functionInstructions(),
                "instructions of function " + p.function(), at));
        if (p.closures() != null) {
            // Each closure has the cap of its own; the largest stands for them all.
            var parts = p.closures().parts();
            var largestPart = parts.stream().max(java.util.Comparator.comparingInt(ClosureLayout.Part::instructions))
                    .orElseThrow();
            v.add(new LimitCheck("MAX_INSTRUCTIONS", maxInstructions, largestPart.instructions(),
                    "instructions of closure " + largestPart.name() + " (the largest of " + parts.size() + ")", at));
            v.add(new LimitCheck("MAX_CLOSURES", ClosureLayout.MAX_CLOSURES, parts.size(), "closures of the program", at));
        }
        // snarkVM counts the text twice: as written when parsing it, and as it prints it back when deploying
        // (no comments, negative field literals as 76-digit residues), which is usually the longer.
        long printed = size.snarkVm();
        v.add(new LimitCheck("MAX_PROGRAM_SIZE", maxProgramSize, Math.max(size.written(), printed),
                "program size in characters (" + String.format(java.util.Locale.US, "%,d", printed) + " as snarkVM "
                        + "prints it back to deploy it, " + String.format(java.util.Locale.US, "%,d", size.written())
                        + " as written)", at));
        return v;
    }

    /** The checks of {@link #checkAll(IrProgram, ProgramSize, CircuitInfo)} that read the circuit, in the same order. */
    public List<LimitCheck> circuitChecks(CircuitInfo circuit) {
        List<LimitCheck> v = new ArrayList<>();
        String at = SOURCE + ", consensus " + consensus;
        String perProgram = maxDeploymentConstraints == Long.MAX_VALUE
                ? " (no per-program limit since consensus V17)" : "";
        v.add(new LimitCheck("MAX_DEPLOYMENT_CONSTRAINTS", maxDeploymentConstraints, circuit.constraints(),
                "constraints" + perProgram, at));
        v.add(new LimitCheck("MAX_DEPLOYMENT_VARIABLES", maxDeploymentVariables, circuit.variables(),
                "variables" + perProgram, at));
        // Varuna's rule (CircuitInfo.srsDegreeLog2): four times the constraint or variable domain, or
        // the largest non-zero domain, so 20,000 constraints need 2^17 although every count is below 2^16.
        int srs = circuit.srsDegreeLog2();
        v.add(new LimitCheck("offline SRS degree 2^" + offlineSrsLog2, 1L << offlineSrsLog2, 1L << srs,
                "SRS powers Varuna needs for " + circuit.constraints() + " constraints and at most "
                        + Math.max(circuit.nonZeroA(), Math.max(circuit.nonZeroB(), circuit.nonZeroC()))
                        + " non-zeros (needs SRS 2^" + srs + (srs > offlineSrsLog2 ? ", whose files must be downloaded)" : ")"),
                "files in the shared aleo-params cache"));
        return v;
    }

    private void array(List<LimitCheck> v, IrType t, String what, String at) {
        if (t instanceof ArrayType a) {
            v.add(new LimitCheck("MAX_ARRAY_ELEMENTS", maxArrayElements, a.length(), "elements of " + what, at));
        }
    }
}
