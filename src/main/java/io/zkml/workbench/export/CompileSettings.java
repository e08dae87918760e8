package io.zkml.workbench.export;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.Identifiers;
import io.zkml.workbench.codegen.WeightsMode;
import java.nio.file.Path;

/**
 * Everything besides the model and its quantization that decides which program a model becomes.
 * The CLI's options, a project's export settings and the workbench's Code tab all end up here, so
 * the same settings give the same program text whoever compiles it.
 *
 * @param programName Aleo program name without {@code .aleo}; null means "derived from the model file"
 *                    by {@link #programNameFor(Path)}, the one rule for default names
 */
public record CompileSettings(WeightsMode weightsMode, String programName, ConsensusVersion consensus) {

    public CompileSettings {
        weightsMode = weightsMode == null ? WeightsMode.CONSTANT : weightsMode;
        consensus = consensus == null ? ConsensusVersion.LATEST : consensus;
        programName = programName == null || programName.isBlank() ? null : Identifiers.programName(programName);
    }

    public static CompileSettings defaults() {
        return new CompileSettings(WeightsMode.CONSTANT, null, ConsensusVersion.LATEST);
    }

    public CompileSettings withWeightsMode(WeightsMode mode) {
        return new CompileSettings(mode, programName, consensus);
    }

    public CompileSettings withProgramName(String name) {
        return new CompileSettings(weightsMode, name, consensus);
    }

    public CompileSettings withConsensus(ConsensusVersion version) {
        return new CompileSettings(weightsMode, programName, version);
    }

    /** The program name these settings give for {@code modelFile}. */
    public String programNameOrDefault(Path modelFile) {
        return programName != null ? programName : programNameFor(modelFile);
    }

    /**
     * The default program name of a model file: its base name made an Aleo identifier (lower-case
     * letters, digits and single underscores, starting with a letter, no "aleo" inside). The one
     * rule: export, cost, prove, projects and the workbench all name programs through it.
     */
    public static String programNameFor(Path modelFile) {
        String file = modelFile.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return Identifiers.programName(dot > 0 ? file.substring(0, dot) : file);
    }
}
