package io.zkml.workbench.export;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.Identifiers;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.codegen.WeightsSalt;
import java.nio.file.Path;

/**
 * Everything besides the model and its quantization that decides which program a model becomes.
 * The CLI's options, a project's export settings and the workbench's Code tab all end up here, so
 * the same settings give the same program text whoever compiles it.
 *
 * @param programName Aleo program name without {@code .aleo}; null means "derived from the model file"
 *                    by {@link #programNameFor(Path)}, the one rule for default names
 * @param scheme      how private weights are encoded and committed to; {@link CommitmentScheme#CURRENT} unless an
 *                    older bundle's program is re-created ({@link CommitmentScheme#ofRecorded})
 * @param salt        the hiding commitment's salt, or null when not known (constant weights; compiling a
 *                    private-committed program, whose text does not depend on it). A pinned program
 *                    compiles the salted commitment in, so it needs the salt; so do a committed program's inputs.
 * @param partitioning whether and where the model is split into a chain of programs (none by default)
 */
public record CompileSettings(WeightsMode weightsMode, String programName, ConsensusVersion consensus,
                              CommitmentScheme scheme, WeightsSalt salt, Partitioning partitioning) {

    public CompileSettings {
        weightsMode = weightsMode == null ? WeightsMode.CONSTANT : weightsMode;
        consensus = consensus == null ? ConsensusVersion.LATEST : consensus;
        programName = programName == null || programName.isBlank() ? null : Identifiers.programName(programName);
        scheme = scheme == null ? CommitmentScheme.CURRENT : scheme;
        partitioning = partitioning == null ? Partitioning.NONE : partitioning;
    }

    public CompileSettings(WeightsMode weightsMode, String programName, ConsensusVersion consensus,
                           CommitmentScheme scheme, WeightsSalt salt) {
        this(weightsMode, programName, consensus, scheme, salt, Partitioning.NONE);
    }

    public CompileSettings withPartitioning(Partitioning p) {
        return new CompileSettings(weightsMode, programName, consensus, scheme, salt, p);
    }

    public CompileSettings(WeightsMode weightsMode, String programName, ConsensusVersion consensus) {
        this(weightsMode, programName, consensus, CommitmentScheme.CURRENT, null);
    }

    public CompileSettings withScheme(CommitmentScheme s) {
        return new CompileSettings(weightsMode, programName, consensus, s, salt, partitioning);
    }

    public CompileSettings withSalt(WeightsSalt s) {
        return new CompileSettings(weightsMode, programName, consensus, scheme, s, partitioning);
    }

    public static CompileSettings defaults() {
        return new CompileSettings(WeightsMode.CONSTANT, null, ConsensusVersion.LATEST);
    }

    public CompileSettings withWeightsMode(WeightsMode mode) {
        return new CompileSettings(mode, programName, consensus, scheme, salt, partitioning);
    }

    public CompileSettings withProgramName(String name) {
        return new CompileSettings(weightsMode, name, consensus, scheme, salt, partitioning);
    }

    public CompileSettings withConsensus(ConsensusVersion version) {
        return new CompileSettings(weightsMode, programName, version, scheme, salt, partitioning);
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
