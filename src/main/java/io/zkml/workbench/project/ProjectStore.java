package io.zkml.workbench.project;

import io.zkml.workbench.io.BoundedText;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code .zkwb} project files: versioned JSON with the quantization spec
 * embedded, written atomically. Paths are stored relative to the project file when the model
 * sits near it, so a folder with project and model can move as a whole.
 *
 * <p>Version 2 added {@code design} (design-mode edits not yet trained into the model file, and
 * the model retraining takes its data from). A project without them is still written as
 * version 1, so older workbenches keep opening it; both versions are read. Version 2 also
 * spells the weights mode as the CLI does, and offers every mode (version 1 knew two). Version 3
 * added {@code export.partitioning} (a chain of programs: the maximum SRS degree per transition and
 * the user's cuts); only a project that splits is written as version 3.
 */
public final class ProjectStore {

    public static final String EXTENSION = ".zkwb";
    public static final String FORMAT = "zkml-workbench-project";
    public static final int CURRENT_VERSION = 3;
    /** The oldest format version this workbench still reads. */
    public static final int OLDEST_VERSION = 1;
    /** What a project needs at least when it has no design-mode state. */
    static final int VERSION_WITHOUT_DESIGN = 1;
    /** What a project with design state or non-default export settings, but no program chain, needs. */
    static final int VERSION_WITHOUT_CHAIN = 2;
    /** More forced cuts than this is not a program chain (at most 31 transitions per execution) but a bad file. */
    static final int MAX_SPLITS = 64;
    /**
     * More ".." than this and the relative path says less than the absolute one: the project
     * and model do not travel together anyway (e.g. an autosave in the home folder).
     */
    private static final int MAX_PARENT_STEPS = 2;

    private final QuantSpecJson specs = new QuantSpecJson();
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file format; field names are the JSON keys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProjectFile(String format, int version, ModelEntry model, String dataset, QuantSpec quant,
                       ExportEntry export, WorkbenchProject.ProvingSettings proving,
                       WorkbenchProject.EditorLayout editor, DesignEntry design) {
    }

    record ModelEntry(String path, String sha256) {
    }

    /**
     * Export settings; {@code weightsMode} as the CLI spells it, left out for constant weights so
     * that such a project stays readable by version-1 workbenches. Version-1 files may hold the
     * names "CONSTANTS" and "PRIVATE_INPUTS" of the mode's first, two-valued form.
     * {@code consensusVersion} (e.g. "V19") is left out when none was chosen; projects without it
     * compile against the latest version, as they did before it was recorded. {@code salt} is the
     * hex salt of the private weights' hiding commitment (the owner's secret, like the weights).
     * {@code partitioning} (version 3) is left out when the model is one program.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExportEntry(String programName, String weightsMode, String consensusVersion, String salt,
                       PartitioningEntry partitioning) {

        static ExportEntry of(WorkbenchProject.ExportSettings e) {
            return e == null ? null : new ExportEntry(e.programName(),
                    e.weightsMode() == WeightsMode.CONSTANT ? null : e.weightsMode().cliName(),
                    e.consensus() == null ? null : e.consensus().name(), e.salt(),
                    e.partitioning().splits() ? new PartitioningEntry(e.partitioning().maxSrsLog2(),
                            e.partitioning().splitAfter().isEmpty() ? null : e.partitioning().splitAfter()) : null);
        }

        WorkbenchProject.ExportSettings settings() {
            WeightsMode mode = weightsMode == null ? WeightsMode.CONSTANT : switch (weightsMode) {
                case "CONSTANTS" -> WeightsMode.CONSTANT;
                case "PRIVATE_INPUTS" -> WeightsMode.PRIVATE_COMMITTED;
                default -> WeightsMode.parse(weightsMode);
            };
            ConsensusVersion consensus = consensusVersion == null ? null : consensus(consensusVersion);
            if (salt != null) {
                try {
                    io.zkml.workbench.codegen.WeightsSalt.parse(salt);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("export.salt: " + e.getMessage(), e);
                }
            }
            return new WorkbenchProject.ExportSettings(programName, mode, consensus, salt,
                    partitioning == null ? null : partitioning.settings());
        }

        private static ConsensusVersion consensus(String name) {
            try {
                return ConsensusVersion.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("export.consensusVersion \"" + name + "\" is not one of "
                        + java.util.Arrays.toString(ConsensusVersion.values()), e);
            }
        }

        boolean needsVersion2() {
            return weightsMode != null || consensusVersion != null;
        }
    }

    /**
     * How the model is split into a chain of programs (version 3), as the CLI's {@code --max-srs} and
     * {@code --split-after}: {@code maxSrsLog2} null for no cap, {@code splitAfter} layer names, left out when none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartitioningEntry(Integer maxSrsLog2, List<String> splitAfter) {

        Partitioning settings() {
            if (splitAfter != null && (splitAfter.size() > MAX_SPLITS || splitAfter.contains(null))) {
                throw new IllegalArgumentException("export.partitioning.splitAfter must list at most " + MAX_SPLITS
                        + " layer names, none of them empty (null)");
            }
            try {
                return new Partitioning(maxSrsLog2, splitAfter);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("export.partitioning.maxSrsLog2: " + e.getMessage(), e);
            }
        }
    }

    /** Design-mode state (version 2); {@code trainedFrom} is a path like the model's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DesignEntry(List<DesignStep> edits, String trainedFrom) {
    }

    /** Writes the project atomically; a crash never leaves half a project behind. */
    public void save(WorkbenchProject p, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        WorkbenchProject.Design d = p.design();
        DesignEntry design = d.isEmpty() ? null : new DesignEntry(d.edits().isEmpty() ? null : d.edits(),
                d.trainedFromFile().map(t -> portable(t, dir)).orElse(null));
        ExportEntry export = ExportEntry.of(p.export());
        boolean v2 = design != null || (export != null && export.needsVersion2());
        // Older workbenches refuse unknown fields with a puzzling message, so only a chain says version 3.
        int version = export != null && export.partitioning() != null ? CURRENT_VERSION
                : v2 ? VERSION_WITHOUT_CHAIN : VERSION_WITHOUT_DESIGN;
        ProjectFile pf = new ProjectFile(FORMAT, version,
                new ModelEntry(portable(p.model(), dir), p.modelSha256()),
                p.datasetFile().map(ds -> portable(ds, dir)).orElse(null), p.quant(), export, p.proving(), p.editor(),
                design);
        try {
            AtomicFiles.writeString(file, mapper.writeValueAsString(pf));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise project", e);
        } catch (UncheckedIOException e) {
            throw new ProjectException("could not save the project to " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Reads a project whose model is where the file says. */
    public OpenedProject load(Path file) {
        return load(file, null);
    }

    /**
     * Reads a project. {@code relocatedModel}, when given, replaces the model path the file holds
     * (the user located a moved model); the project then records the new place once saved.
     */
    public OpenedProject load(Path file, Path relocatedModel) {
        ProjectFile pf = parse(file);
        Path dir = file.toAbsolutePath().getParent();
        Path model = relocatedModel != null ? relocatedModel : dir.resolve(pf.model().path()).normalize();
        if (!Files.isRegularFile(model)) {
            throw new MissingModelException(file, model);
        }
        List<String> warnings = new ArrayList<>();
        String actual = FileHashes.sha256(model);
        if (pf.model().sha256() != null && !pf.model().sha256().equalsIgnoreCase(actual)) {
            warnings.add("The model " + model.getFileName() + " has changed since this project was saved (its "
                    + "SHA-256 differs). The quantization settings may no longer fit it: re-calibrate or check "
                    + "the error figures before exporting.");
        }
        Path dataset = pf.dataset() == null ? null : dir.resolve(pf.dataset()).normalize();
        if (dataset != null && !Files.isRegularFile(dataset)) {
            warnings.add("The project's dataset " + dataset + " is missing; error figures need a dataset, "
                    + "choose one to measure them again.");
            dataset = null;
        }
        WorkbenchProject p = new WorkbenchProject(model, actual, dataset, pf.quant(), exportSettings(pf, file), pf.proving(),
                pf.editor(), design(pf.design(), file, dir, warnings));
        return new OpenedProject(file.toAbsolutePath(), p, warnings);
    }

    private static WorkbenchProject.Design design(DesignEntry entry, Path file, Path dir, List<String> warnings) {
        if (entry == null) {
            return WorkbenchProject.Design.NONE;
        }
        if (entry.edits() != null && entry.edits().contains(null)) {
            throw new ProjectException(file.getFileName() + " has an invalid entry at design.edits["
                    + entry.edits().indexOf(null) + "]: an empty design edit (null)");
        }
        Path trainedFrom = entry.trainedFrom() == null ? null : dir.resolve(entry.trainedFrom()).normalize();
        if (trainedFrom != null && !Files.isRegularFile(trainedFrom)) {
            warnings.add("The model " + trainedFrom + " that this project's model was retrained from is missing; "
                    + "retraining will use the project's dataset instead of its training split.");
            trainedFrom = null;
        }
        return new WorkbenchProject.Design(entry.edits(), trainedFrom);
    }

    private ProjectFile parse(Path file) {
        String text;
        try {
            text = BoundedText.read(file);
        } catch (NoSuchFileException e) {
            throw new ProjectException("project " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ProjectException("cannot read project " + file + ": " + e.getMessage(), e);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProjectException(file.getFileName() + " is not a readable project (malformed JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
            throw new ProjectException(file.getFileName() + " is not a zkML Workbench project (no \"format\": \""
                    + FORMAT + "\")");
        }
        JsonNode v = tree.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new ProjectException(file.getFileName() + ": the project has no format version");
        }
        if (v.asInt() < OLDEST_VERSION || v.asInt() > CURRENT_VERSION) {
            throw new ProjectException(file.getFileName() + " uses project format version " + v.asInt()
                    + ", but this zkML Workbench reads versions " + OLDEST_VERSION + " to " + CURRENT_VERSION
                    + (v.asInt() > CURRENT_VERSION ? "; open it with a newer zkML Workbench" : ""));
        }
        JsonNode quant = tree.get("quant");
        if (quant != null && !quant.isNull()) {
            try {
                specs.fromTree(quant, file.getFileName() + " (its quantization settings)");
            } catch (QuantSpecJson.QuantSpecFormatException e) {
                throw new ProjectException(e.getMessage(), e);
            }
        }
        JsonNode design = tree.path("design").path("edits");
        if (design.isArray() && design.size() > DesignStep.MAX_STEPS) {
            throw new ProjectException(file.getFileName() + " holds " + design.size() + " design edits; at most "
                    + DesignStep.MAX_STEPS + " are allowed");
        }
        try {
            ProjectFile pf = mapper.treeToValue(tree, ProjectFile.class);
            if (pf.model() == null || pf.model().path() == null) {
                throw new ProjectException(file.getFileName() + ": the project names no model file");
            }
            return pf;
        } catch (JsonProcessingException e) {
            String msg = rootMessage(e);
            throw new ProjectException(file.getFileName() + " has an invalid entry" + at(e) + ": " + msg, e);
        }
    }

    private static WorkbenchProject.ExportSettings exportSettings(ProjectFile pf, Path file) {
        try {
            return pf.export() == null ? null : pf.export().settings();
        } catch (IllegalArgumentException e) {
            throw new ProjectException(file.getFileName() + " has an invalid entry: " + e.getMessage(), e);
        }
    }

    /** " at design.edits[3]" from Jackson's path, so the user finds the entry. */
    private static String at(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" at ");
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                s.append(s.length() > 4 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                s.append('[').append(ref.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String rootMessage(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof IllegalArgumentException ? t.getMessage() : e.getOriginalMessage();
    }

    static String portable(Path target, Path projectDir) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            Path rel = projectDir.toAbsolutePath().normalize().relativize(abs);
            int up = 0;
            for (Path part : rel) {
                if (part.toString().equals("..")) {
                    up++;
                }
            }
            return up <= MAX_PARENT_STEPS ? rel.toString().replace('\\', '/') : abs.toString();
        } catch (IllegalArgumentException differentRoots) {
            return abs.toString();
        }
    }
}
