package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.quant.SpecFit;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments most commands share: the model, its dataset and an optional quant spec, or a
 * workbench project ({@code --project file.zkwb}) that holds all three (and the export settings,
 * see {@link CompileOptions}). When no spec is given the calibration default is used, so every
 * command works on a bare model.
 *
 * <p>With {@code --project} the project decides: MODEL, {@code --data} and {@code --quant} are
 * refused when they name something else than the project does, so a command never describes a
 * program other than the one the workbench shows for that project.
 */
final class ModelInputs {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "DL4J model zip or Keras .h5 file (or give --project).")
    Path model;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Dataset CSV (features first, label/target last, one header row). "
                    + "Default for bundled samples: their committed test split.")
    Path data;

    @Option(names = "--quant", paramLabel = "QUANT_JSON", description = "Quantization spec; default: calibrate on the dataset.")
    Path quant;

    @Option(names = "--project", paramLabel = "ZKWB",
            description = "A workbench project (.zkwb): its model, dataset, quantization spec and export settings "
                    + "(program name, weights mode, consensus version). Options that contradict it are refused.")
    Path project;

    private WorkbenchProject loaded;

    /** The project given with {@code --project}, read once; empty without one. */
    Optional<WorkbenchProject> project() {
        if (project == null) {
            return Optional.empty();
        }
        if (loaded == null) {
            WorkbenchProject p = new ProjectStore().load(project).project();
            requireSame("MODEL", model, p.model());
            requireSame("--data", data, p.dataset());
            if (quant != null) {
                throw new WorkbenchException("--quant " + quant + " contradicts --project " + project
                        + ", which holds its own quantization spec: drop one of them");
            }
            loaded = p;
        }
        return Optional.of(loaded);
    }

    private void requireSame(String option, Path given, Path inProject) {
        if (given != null && !given.toAbsolutePath().normalize().equals(inProject)) {
            throw new WorkbenchException(option + " " + given + " contradicts --project " + project + ", which uses "
                    + (inProject == null ? "none" : inProject) + ": drop " + option + " (or open the project in the "
                    + "workbench and change it there)");
        }
    }

    Path modelFile() {
        Optional<WorkbenchProject> p = project();
        if (p.isPresent()) {
            return p.get().model();
        }
        if (model == null) {
            throw new WorkbenchException("give a MODEL file or --project file.zkwb");
        }
        return model;
    }

    ModelSession open() throws ModelImportException, DatasetException {
        Optional<WorkbenchProject> p = project();
        if (p.isPresent()) {
            return ModelSession.open(p.get().model(), p.get().dataset());
        }
        return ModelSession.open(modelFile(), data);
    }

    QuantSpec spec(ModelSession session) {
        Optional<QuantSpec> fromProject = project().flatMap(WorkbenchProject::quantSpec);
        if (fromProject.isPresent()) {
            return fromProject.get();
        }
        if (quant == null) {
            return session.calibrate();
        }
        if (!Files.exists(quant)) {
            throw new WorkbenchException(quant + ": quantization spec not found; create one with "
                    + "`zkml calibrate MODEL --out " + quant + "`");
        }
        try {
            QuantSpec spec = new QuantSpecJson().read(quant);
            SpecFit.require(session.graph(), spec, quant.toString());
            return spec;
        } catch (IOException e) {
            throw new WorkbenchException(quant + ": cannot read the quantization spec: " + e.getMessage(), e);
        }
    }
}
