package io.zkml.workbench.project;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.codegen.WeightsMode;

import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.quant.QuantSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workbench project in memory: which model (absolute path and the SHA-256 it had when the
 * project was saved), which dataset, the quantization spec and the settings around it.
 * {@link ProjectStore} decides how paths are written to disk.
 *
 * @param quant  null until the model has been calibrated (no dataset yet)
 * @param design design-mode state that the model file does not hold; {@link Design#NONE} when
 *               there is none
 */
public record WorkbenchProject(Path model, String modelSha256, Path dataset, QuantSpec quant,
                               ExportSettings export, ProvingSettings proving, EditorLayout editor, Design design) {

    public WorkbenchProject {
        model = Objects.requireNonNull(model, "model").toAbsolutePath().normalize();
        dataset = dataset == null ? null : dataset.toAbsolutePath().normalize();
        export = export == null ? ExportSettings.forModel(model) : export;
        proving = proving == null ? ProvingSettings.DEFAULT : proving;
        editor = editor == null ? EditorLayout.DEFAULT : editor;
        design = design == null ? Design.NONE : design;
    }

    /** A project without design-mode state. */
    public WorkbenchProject(Path model, String modelSha256, Path dataset, QuantSpec quant,
                            ExportSettings export, ProvingSettings proving, EditorLayout editor) {
        this(model, modelSha256, dataset, quant, export, proving, editor, Design.NONE);
    }

    public Optional<Path> datasetFile() {
        return Optional.ofNullable(dataset);
    }

    public Optional<QuantSpec> quantSpec() {
        return Optional.ofNullable(quant);
    }

    public WorkbenchProject withQuant(QuantSpec q) {
        return new WorkbenchProject(model, modelSha256, dataset, q, export, proving, editor, design);
    }

    public WorkbenchProject withEditor(EditorLayout e) {
        return new WorkbenchProject(model, modelSha256, dataset, quant, export, proving, e, design);
    }

    public WorkbenchProject withModelSha256(String sha) {
        return new WorkbenchProject(model, sha, dataset, quant, export, proving, editor, design);
    }

    public WorkbenchProject withModel(Path file, String sha) {
        return new WorkbenchProject(file, sha, dataset, quant, export, proving, editor, design);
    }

    /**
     * What design mode adds to a model file.
     *
     * @param edits      design edits made since the model file was trained, replayed on it when
     *                   the project opens (empty when the shown graph is the model file's)
     * @param trainedFrom the model whose training data retraining uses: the one the user first
     *                   opened, when the project's model is a retrained copy of it; null when that
     *                   is the project's model itself
     */
    public record Design(List<DesignStep> edits, Path trainedFrom) {

        public static final Design NONE = new Design(List.of(), null);

        public Design {
            edits = edits == null ? List.of() : List.copyOf(edits);
            trainedFrom = trainedFrom == null ? null : trainedFrom.toAbsolutePath().normalize();
        }

        public boolean isEmpty() {
            return edits.isEmpty() && trainedFrom == null;
        }

        public Optional<Path> trainedFromFile() {
            return Optional.ofNullable(trainedFrom);
        }
    }

    /**
     * How the project's model is compiled: what {@link #compileSettings()} hands to the compiler, in
     * the workbench and for {@code zkml ... --project} alike.
     *
     * @param programName Aleo program id without ".aleo"
     * @param consensus   the snarkVM consensus version whose limits apply; null means the latest
     * @param partitioning whether and where the model is split into a chain of programs (issue #13: the
     *                     maximum SRS degree per transition, the user's cuts); {@link Partitioning#NONE} by default
     */
    public record ExportSettings(String programName, WeightsMode weightsMode, ConsensusVersion consensus,
                                 String salt, Partitioning partitioning) {

        public ExportSettings {
            weightsMode = weightsMode == null ? WeightsMode.CONSTANT : weightsMode;
            partitioning = partitioning == null ? Partitioning.NONE : partitioning;
            if (salt != null) {
                WeightsSalt.parse(salt); // refuses anything but the salt's hex form
            }
        }

        public ExportSettings(String programName, WeightsMode weightsMode, ConsensusVersion consensus, String salt) {
            this(programName, weightsMode, consensus, salt, Partitioning.NONE);
        }

        public ExportSettings(String programName, WeightsMode weightsMode, ConsensusVersion consensus) {
            this(programName, weightsMode, consensus, null);
        }

        public ExportSettings(String programName, WeightsMode weightsMode) {
            this(programName, weightsMode, null, null);
        }

        /** Aleo program names are lower-case letters, digits and underscores, starting with a letter. */
        public static ExportSettings forModel(Path model) {
            return new ExportSettings(CompileSettings.programNameFor(model), WeightsMode.CONSTANT, null);
        }

        /**
         * Private weights commit with a salt (hiding): the first time a project leaves constant weights
         * one is drawn, and the project keeps it from then on, so its commitment stays the same and the
         * owner can hand the salt to an auditor.
         */
        public ExportSettings withWeightsMode(WeightsMode mode) {
            String s = salt == null && mode.privateWeights() ? WeightsSalt.random().hex() : salt;
            return new ExportSettings(programName, mode, consensus, s, partitioning);
        }

        public ExportSettings withConsensus(ConsensusVersion version) {
            return new ExportSettings(programName, weightsMode, version, salt, partitioning);
        }

        public ExportSettings withPartitioning(Partitioning p) {
            return new ExportSettings(programName, weightsMode, consensus, salt, p);
        }

        public CompileSettings compileSettings() {
            return new CompileSettings(weightsMode, programName, consensus)
                    .withSalt(salt == null ? null : WeightsSalt.parse(salt)).withPartitioning(partitioning);
        }
    }

    public record ProvingSettings(ProvingBackend backend) {

        public static final ProvingSettings DEFAULT = new ProvingSettings(ProvingBackend.SNARKVM_SIDECAR);

        public ProvingSettings {
            backend = backend == null ? ProvingBackend.SNARKVM_SIDECAR : backend;
        }
    }

    /** @param selectedNode null when nothing is selected */
    public record EditorLayout(FlowDirection direction, double zoom, String selectedNode) {

        public static final EditorLayout DEFAULT = new EditorLayout(FlowDirection.TOP_TO_BOTTOM, 1.0, null);

        public EditorLayout {
            direction = direction == null ? FlowDirection.TOP_TO_BOTTOM : direction;
            zoom = zoom > 0 && Double.isFinite(zoom) ? zoom : 1.0;
        }

        public Optional<String> selected() {
            return Optional.ofNullable(selectedNode);
        }
    }
}
