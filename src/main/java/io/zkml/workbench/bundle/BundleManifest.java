package io.zkml.workbench.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.zkml.workbench.export.OutputFormat;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(int formatVersion, String programId, String function, List<String> publicOutputs,
                             Decoded decoded, List<String> inputTypes, Integer row, String modelFile,
                             String modelSha256, String quantSpecSha256, String programSha256, String modelCommitment,
                             Versions versions, Timings timings, CircuitInfo circuit, boolean keysFromCache,
                             String createdAt, String weightsMode, String consensusVersion, String commitmentScheme) {

    /** 2 added weightsMode, consensusVersion and commitmentScheme; format 1 is still read. */
    public static final int FORMAT_VERSION = 2;

    public BundleManifest {
        // Missing or null entries stay visible, so validation names the field instead of failing here.
        publicOutputs = publicOutputs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(publicOutputs));
        inputTypes = inputTypes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputTypes));
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
                createdAt, weightsMode, consensusVersion, commitmentScheme);
    }
}
