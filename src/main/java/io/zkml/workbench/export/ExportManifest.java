package io.zkml.workbench.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.zkml.workbench.circuit.CircuitInfo;
import java.util.List;

/**
 * {@code export.json}: where an exported project came from and how to read its outputs, so that
 * {@code prove} and {@code verify} can work from the folder alone.
 *
 * @param modelPath absolute path of the model at export time (a hint; the SHA-256 is what counts)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportManifest(int formatVersion, String programId, String function, String modelFile,
                             String modelPath, String modelSha256, String quantSpecSha256, String programSha256,
                             String toolVersion, List<String> inputTypes, OutputFormat output,
                             CircuitInfo predictedCircuit, int predictedSrsDegreeLog2, boolean predictionExact) {

    public static final int FORMAT_VERSION = 1;

    public ExportManifest {
        inputTypes = List.copyOf(inputTypes);
    }
}
