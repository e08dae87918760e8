package io.zkml.workbench.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.export.RecordedCuts;
import io.zkml.workbench.prove.CircuitInfo;
import java.util.List;

/**
 * {@code manifest.json} of a proof bundle: what was proven, about which program and model, and
 * with which tools. Nothing here is trusted by {@code verify}; every claim it can recompute is
 * checked against the execution, the program text or the model.
 *
 * @param publicOutputs    the function's public outputs as Aleo literals, in order
 * @param decoded          the outputs read as class label and dequantized values
 * @param inputTypes       types of the private inputs (their values are not in the bundle)
 * @param row              the dataset row proven, or null for an ad-hoc input
 * @param modelCommitment  the Poseidon commitment to the private weights (the proof's last public output) in private-committed mode, else null
 * @param weightsMode      how the weights enter the program ({@code WeightsMode#cliName()}), copied from the
 *                         export manifest; null in format-1 bundles, whose mode must be recovered otherwise
 * @param consensusVersion the snarkVM consensus version whose limits the program was checked against
 * @param commitmentScheme how the program commits to its weights, or null for constant weights
 * @param programs         format 3, a multi-program execution: every program, dependencies first and the entry
 *                         ({@code programId}, {@code main.aleo}) last, with the SHA-256 of its text; null for one program
 * @param transitions      format 3: every transition of the execution in its order (the entry's last), with its
 *                         program's SHA-256, circuit and public outputs; null for one program
 * @param cuts             format 3: where the model was cut into the chain (copied from export.json), so that
 *                         {@code verify --model} compiles the same chain; null for one program and in chain bundles
 *                         written before it was recorded (their chain cannot be recompiled from the model)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(int formatVersion, String programId, String function, List<String> publicOutputs,
                             Decoded decoded, List<String> inputTypes, Integer row, String modelFile,
                             String modelSha256, String quantSpecSha256, String programSha256, String modelCommitment,
                             Versions versions, Timings timings, CircuitInfo circuit, boolean keysFromCache,
                             String createdAt, String weightsMode, String consensusVersion, String commitmentScheme,
                             List<ChainProgram> programs, List<ChainStep> transitions, RecordedCuts cuts) {

    /** 2 added weightsMode, consensusVersion and commitmentScheme; format 1 is still read. */
    public static final int FORMAT_VERSION = 2;

    /**
     * 3 added programs and transitions (multi-program executions). Only such bundles are written as
     * format 3, so a workbench that reads formats 1 and 2 still reads every single-program bundle,
     * and refuses a chain (which it could not check) as newer instead of misreading it.
     */
    public static final int CHAIN_FORMAT_VERSION = 3;

    /** The newest format this workbench reads. */
    public static final int NEWEST_FORMAT = CHAIN_FORMAT_VERSION;

    public BundleManifest {
        // Missing or null entries stay visible, so validation names the field instead of failing here.
        publicOutputs = publicOutputs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(publicOutputs));
        inputTypes = inputTypes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputTypes));
        programs = programs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(programs));
        transitions = transitions == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(transitions));
    }

    /** Without recorded cuts: one program, or a chain bundle as written before they were recorded. */
    public BundleManifest(int formatVersion, String programId, String function, List<String> publicOutputs,
                          Decoded decoded, List<String> inputTypes, Integer row, String modelFile,
                          String modelSha256, String quantSpecSha256, String programSha256, String modelCommitment,
                          Versions versions, Timings timings, CircuitInfo circuit, boolean keysFromCache,
                          String createdAt, String weightsMode, String consensusVersion, String commitmentScheme,
                          List<ChainProgram> programs, List<ChainStep> transitions) {
        this(formatVersion, programId, function, publicOutputs, decoded, inputTypes, row, modelFile, modelSha256,
                quantSpecSha256, programSha256, modelCommitment, versions, timings, circuit, keysFromCache, createdAt,
                weightsMode, consensusVersion, commitmentScheme, programs, transitions, null);
    }

    /** A single-program manifest (formats 1 and 2): no programs or transitions. */
    public BundleManifest(int formatVersion, String programId, String function, List<String> publicOutputs,
                          Decoded decoded, List<String> inputTypes, Integer row, String modelFile,
                          String modelSha256, String quantSpecSha256, String programSha256, String modelCommitment,
                          Versions versions, Timings timings, CircuitInfo circuit, boolean keysFromCache,
                          String createdAt, String weightsMode, String consensusVersion, String commitmentScheme) {
        this(formatVersion, programId, function, publicOutputs, decoded, inputTypes, row, modelFile, modelSha256,
                quantSpecSha256, programSha256, modelCommitment, versions, timings, circuit, keysFromCache, createdAt,
                weightsMode, consensusVersion, commitmentScheme, null, null);
    }

    /** True for a multi-program execution (format 3 with programs). */
    public boolean isChain() {
        return programs != null;
    }

    /**
     * What the proof covers: a chain's transitions together (every count added up, the largest SRS degree), as
     * the dashboard totals the compiled chain; else the one program's circuit. {@link #circuit()} is the entry's.
     * Null when a transition's circuit is not recorded.
     */
    public CircuitInfo executionCircuit() {
        if (!isChain() || transitions == null || transitions.isEmpty()) {
            return circuit;
        }
        if (transitions.stream().anyMatch(t -> t.circuit() == null)) {
            return null;
        }
        return CircuitInfo.together(transitions.stream().map(ChainStep::circuit).toList());
    }

    /** One program of a multi-program execution and the SHA-256 of its text. */
    public record ChainProgram(String programId, String programSha256) {
    }

    /**
     * One transition of a multi-program execution.
     *
     * @param publicOutputs the transition's public outputs, as the prover's execution held them (a claim
     *                      checked against the execution)
     */
    public record ChainStep(String programId, String function, String programSha256, CircuitInfo circuit,
                            List<String> publicOutputs) {
        public ChainStep {
            publicOutputs = publicOutputs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(publicOutputs));
        }

        public String name() {
            return programId + "/" + function;
        }
    }

    /** @param classIndex null for a regression output */
    public record Decoded(OutputFormat format, long[] values, double[] dequantized, Integer classIndex, String classLabel) {
    }

    /** @param snarkVm the snarkVM build inside the SDK's WASM (the SDK pins it; it has no separate version string) */
    public record Versions(String tool, String sdk, String snarkVm, String node, String network) {
    }

    /** @param sidecarPeakRssMb peak resident memory of the snarkVM sidecar process so far (Linux), or null */
    public record Timings(long synthesisMs, long provingMs, long totalMs, Long sidecarPeakRssMb) {
    }

    public BundleManifest withPublicOutputs(List<String> outputs) {
        return new BundleManifest(formatVersion, programId, function, outputs, decoded, inputTypes, row, modelFile,
                modelSha256, quantSpecSha256, programSha256, modelCommitment, versions, timings, circuit, keysFromCache,
                createdAt, weightsMode, consensusVersion, commitmentScheme, programs, transitions, cuts);
    }
}
