package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * Options that decide which program a model becomes: shared by export, cost and prove. With
 * {@code --project} the project's export settings apply; an option that contradicts them is
 * refused (naming both), one that agrees is accepted.
 */
final class CompileOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Aleo program name (without .aleo); default: from the model file name.")
    String name;

    @Option(names = "--weights", paramLabel = "MODE",
            description = "How weights enter the program: constant (constants in the program text; the default), "
                    + "private-committed (private inputs; the program outputs a public Poseidon commitment to them) or "
                    + "pinned (private inputs that must hash to the commitment compiled into the program).")
    String weights;

    @Option(names = "--salt", paramLabel = "HEX",
            description = "Salt of the hiding weights commitment (32 hex digits) for private-committed and pinned weights; "
                    + "default: a fresh random salt, which export writes to weights-salt.txt in the project.")
    String salt;

    @Option(names = "--consensus", paramLabel = "VERSION",
            description = "snarkVM consensus version whose limits to check: ${COMPLETION-CANDIDATES} (default: the latest, "
                    + "V19).")
    ConsensusVersion consensus;

    @Option(names = "--max-srs", paramLabel = "LOG2",
            description = "Largest SRS degree (log2) any one transition may need, e.g. 16 for the offline parameters: "
                    + "a model over it is split into a chain of programs called in sequence (one execution, one "
                    + "batch proof), cut where the total constraints are least. Default: no cap, one program.")
    Integer maxSrs;

    @Option(names = "--split-after", paramLabel = "LAYER", split = ",",
            description = "Always cut the program chain after these layers (comma-separated layer names).")
    java.util.List<String> splitAfter;

    @Option(names = "--split-inside", paramLabel = "LAYER:CHANNELS", split = ",",
            description = "Always cut the program chain inside these Conv2D layers after that many output channels "
                    + "(comma-separated, e.g. conv:2): for a conv layer too large for one program.")
    java.util.List<String> splitInside;

    /** The settings the options (and the project, if any) give. */
    CompileSettings settings(ModelInputs inputs) {
        return withPartitioning(baseSettings(inputs), inputs);
    }

    private CompileSettings withPartitioning(CompileSettings s, ModelInputs inputs) {
        if (maxSrs == null && (splitAfter == null || splitAfter.isEmpty()) && (splitInside == null || splitInside.isEmpty())) {
            return s; // a project's program chain (the workbench's Model > Program chain) is kept as it is
        }
        if (inputs.project().isPresent() && s.partitioning().splits()) {
            io.zkml.workbench.export.Partitioning saved = s.partitioning();
            require("--max-srs", maxSrs, maxSrs, saved.maxSrsLog2(), inputs);
            require("--split-after", splitAfter, splitAfter == null ? null : splitAfter, saved.splitAfter(), inputs);
        }
        try {
            return s.withPartitioning(new io.zkml.workbench.export.Partitioning(maxSrs, splitAfter, channelCuts()));
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("--max-srs: " + e.getMessage(), e);
        }
    }

    /** {@code --split-inside}'s LAYER:CHANNELS pairs. */
    private java.util.List<io.zkml.workbench.export.ChannelCut> channelCuts() {
        java.util.List<io.zkml.workbench.export.ChannelCut> out = new java.util.ArrayList<>();
        for (String cut : splitInside == null ? java.util.List.<String>of() : splitInside) {
            int colon = cut.lastIndexOf(':');
            try {
                out.add(new io.zkml.workbench.export.ChannelCut(cut.substring(0, colon),
                        Integer.parseInt(cut.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new WorkbenchException("--split-inside " + cut + ": expected LAYER:CHANNELS, e.g. conv:2 (cut "
                        + "layer conv after its first 2 output channels)", e);
            }
        }
        return out;
    }

    private CompileSettings baseSettings(ModelInputs inputs) {
        WeightsMode mode = null;
        if (weights != null) {
            try {
                mode = WeightsMode.parse(weights);
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException("--weights: " + e.getMessage(), e);
            }
        }
        CompileSettings settings = new CompileSettings(mode, name, consensus);
        if (inputs.project().isPresent()) {
            WorkbenchProject p = inputs.project().get();
            CompileSettings fromProject = p.export().compileSettings();
            String projectName = fromProject.programNameOrDefault(p.model());
            require("--name", name, settings.programName(), projectName, inputs);
            require("--weights", weights, settings.weightsMode(), fromProject.weightsMode(), inputs);
            require("--consensus", consensus, consensus, fromProject.consensus(), inputs);
            if (fromProject.salt() != null) {
                require("--salt", salt, salt == null ? null : salt(fromProject.weightsMode()), fromProject.salt(), inputs);
                return fromProject; // the project keeps its salt: its commitment must not change
            }
            settings = fromProject;
        }
        return settings.withSalt(salt(settings.weightsMode()));
    }

    private static void require(String option, Object given, Object value, Object inProject, ModelInputs inputs) {
        if (given != null && !Objects.equals(value, inProject)) {
            throw new WorkbenchException(option + " " + given + " contradicts --project " + inputs.project
                    + ", whose export settings say " + inProject + ": drop " + option
                    + " (or change the setting in the workbench)");
        }
    }

    CompiledModel compile(ModelInputs inputs, ModelSession session) {
        return compile(inputs, session, SpecSource.of(inputs, session), null);
    }

    /** @param shared a sidecar the caller keeps running (tests, one per run); null: start one for the pinned hash */
    CompiledModel compile(ModelInputs inputs, ModelSession session, SidecarClient shared) {
        return compile(inputs, session, SpecSource.of(inputs, session), shared);
    }

    CompiledModel compile(ModelInputs inputs, ModelSession session, SpecSource spec, SidecarClient shared) {
        CompileSettings settings = settings(inputs);
        ModelCompiler compiler = ModelCompiler.standard();
        if (settings.weightsMode() != WeightsMode.PINNED) {
            return compiler.compileWith(session, spec.spec(), spec.json(), settings, null);
        }
        // The pinned commitment is Poseidon over the weights, which only snarkVM (the sidecar) computes.
        if (shared != null) {
            return compiler.compileWith(session, spec.spec(), spec.json(), settings, shared.fieldHash());
        }
        try (SidecarClient client = new SidecarClient()) {
            return compiler.compileWith(session, spec.spec(), spec.json(), settings, client.fieldHash());
        }
    }

    /** --salt, or a fresh random one for private weights (none for constant weights). */
    WeightsSalt salt(WeightsMode mode) {
        if (salt != null) {
            try {
                return WeightsSalt.parse(salt);
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException("--salt: " + e.getMessage(), e);
            }
        }
        return mode.privateWeights() ? WeightsSalt.random() : null;
    }
}
