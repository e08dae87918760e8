package io.zkml.workbench.export;

import java.nio.charset.StandardCharsets;

import io.zkml.workbench.io.FileHashes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.zkml.workbench.circuit.CircuitInfo;
import java.util.List;

/**
 * {@code export.json}: where an exported project came from and how to read its outputs, so that
 * {@code prove} and {@code verify} can work from the folder alone.
 *
 * @param modelPath        absolute path of the model at export time (a hint; the SHA-256 is what counts)
 * @param weightsMode      how the weights enter the program ({@code WeightsMode#cliName()}); recorded so that
 *                         no reader infers it from the program text (null only in format-1 manifests)
 * @param consensusVersion the snarkVM consensus version whose limits the program was checked against
 * @param commitmentScheme how the program commits to its weights, or null for constant weights
 * @param predictionErrorBound when the prediction is an estimate, its largest error in constraints
 *                         ({@code CostEstimate.errorBound}); absent when it is exact
 * @param chain            format 3, a chain of programs: its cuts, every transition with its circuit and deployment
 *                         fee, and the execution's totals (the other fields describe the entry); null, and left out
 *                         of the file, for one program, whose export.json stays format 2 as before
 * @param fees             one execution's fee (exact) and the deployment's (estimated), of every program; null (left
 *                         out) only in manifests written before it was added
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportManifest(int formatVersion, String programId, String function, String modelFile,
                             String modelPath, String modelSha256, String quantSpecSha256, String programSha256,
                             String toolVersion, List<String> inputTypes, OutputFormat output,
                             CircuitInfo predictedCircuit, int predictedSrsDegreeLog2, boolean predictionExact,
                             String weightsMode, String consensusVersion, String commitmentScheme,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long predictionErrorBound,
                             @JsonInclude(JsonInclude.Include.NON_NULL) ChainPlan chain,
                             @JsonInclude(JsonInclude.Include.NON_NULL) FeeSummary fees) {

    /** 2 added weightsMode, consensusVersion and commitmentScheme; format 1 is still read. */
    public static final int FORMAT_VERSION = 2;

    /** 3 added chain; only a chain's export.json is written as format 3. */
    public static final int CHAIN_FORMAT_VERSION = 3;

    public ExportManifest {
        inputTypes = List.copyOf(inputTypes);
    }

    /** One program's manifest (formats 1 and 2). */
    public ExportManifest(int formatVersion, String programId, String function, String modelFile,
                          String modelPath, String modelSha256, String quantSpecSha256, String programSha256,
                          String toolVersion, List<String> inputTypes, OutputFormat output,
                          CircuitInfo predictedCircuit, int predictedSrsDegreeLog2, boolean predictionExact,
                          String weightsMode, String consensusVersion, String commitmentScheme) {
        this(formatVersion, programId, function, modelFile, modelPath, modelSha256, quantSpecSha256, programSha256,
                toolVersion, inputTypes, output, predictedCircuit, predictedSrsDegreeLog2, predictionExact, weightsMode,
                consensusVersion, commitmentScheme, null, null, null);
    }

    /** One program's manifest with the error bound of an estimated prediction. */
    public ExportManifest(int formatVersion, String programId, String function, String modelFile,
                          String modelPath, String modelSha256, String quantSpecSha256, String programSha256,
                          String toolVersion, List<String> inputTypes, OutputFormat output,
                          CircuitInfo predictedCircuit, int predictedSrsDegreeLog2, boolean predictionExact,
                          String weightsMode, String consensusVersion, String commitmentScheme,
                          Long predictionErrorBound) {
        this(formatVersion, programId, function, modelFile, modelPath, modelSha256, quantSpecSha256, programSha256,
                toolVersion, inputTypes, output, predictedCircuit, predictedSrsDegreeLog2, predictionExact, weightsMode,
                consensusVersion, commitmentScheme, predictionErrorBound, null, null);
    }

    /**
     * Whether the export is a chain of programs (a Leo workspace with one package per program). Not
     * {@code isChain}: Jackson would take that for a second "chain" property.
     */
    public boolean chained() {
        return chain != null;
    }

    /**
     * What {@code export.json} records for {@code m}; for a chain of programs it describes the entry
     * program (the one a user calls), whose circuit and SRS degree it gives.
     */
    public static ExportManifest of(CompiledModel m) {
        return new ExportManifest(m.isChain() ? CHAIN_FORMAT_VERSION : FORMAT_VERSION, m.programId(), m.function(),
                m.modelFile().getFileName().toString(), m.modelFile().toAbsolutePath().normalize().toString(),
                m.modelSha256(), m.specSha256(), FileHashes.sha256(m.aleoText().getBytes(StandardCharsets.UTF_8)),
                m.program().header().toolVersion(),
                m.program().inputs().stream().map(i -> i.reg().type().aleo()).toList(), m.output(),
                m.cost().total(), m.cost().srsDegreeLog2(), m.cost().exact(), m.weightsMode().cliName(),
                m.settings().consensus().name(), m.commitmentScheme(), CostReport.errorBound(m.cost()),
                ChainPlan.of(m), FeeSummary.of(m));
    }
}
