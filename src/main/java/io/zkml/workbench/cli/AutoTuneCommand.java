package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.EstimatorChoice;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "auto-tune", mixinStandardHelpOptions = true,
        description = {"Search per-layer widths and domains for the fewest estimated constraints that still meet "
                + "an accuracy target on the dataset.",
            "Constraint counts are the exact cost of each candidate compiled with the export settings (the figures `zkml cost` prints); "
                + "a model the code generator cannot lower yet falls back to the PROVISIONAL per-bit estimate, "
                + "and the output says which was used."})
final class AutoTuneCommand implements Callable<Integer> {

    /** Shown with provisional results, so nobody quotes those figures as measured circuit sizes. */
    static final String PROVISIONAL_NOTE = "PROVISIONAL estimate extrapolated from single-operation snarkVM"
            + " measurements; use it to rank specs, not as a circuit size";
    static final String MEASURED_NOTE = "predicted from the measured snarkVM cost table, as `zkml cost`"
            + " (within 1% of synthesized circuits for the samples measured, docs/PROVING.md)";

    @Spec
    CommandSpec spec;

    /** MODEL, --data (the dataset the target is judged on) and --project; the search starts from calibration. */
    @Mixin
    ModelInputs inputs;

    /** Candidates are priced as the program these settings compile (weights mode included). */
    @Mixin
    CompileOptions compile;

    @ArgGroup(exclusive = true)
    TargetOption target;

    static final class TargetOption {
        @Option(names = "--max-accuracy-drop", paramLabel = "POINTS",
                description = "Quantized accuracy may be at most this many percentage points below float (default 0.5).")
        Double maxAccuracyDrop;

        @Option(names = "--min-agreement", paramLabel = "PERCENT",
                description = "At least this percentage of samples get the float model's class.")
        Double minAgreement;
    }

    @Option(names = "--out", paramLabel = "QUANT_JSON", description = "Write the tuned spec to this file.")
    Path out;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** Field names are part of the CLI's JSON contract (README). */
    record AutoTuneJson(String model, int samples, String target, String estimator, String estimateNote,
                        String estimatorFallbackReason,
                        double floatAccuracy, AutoTuner.Candidate baseline, AutoTuner.Candidate chosen,
                        List<String> path, List<AutoTuner.Candidate> pareto, int simulated, int priced,
                        long millis, QuantSpec spec) {
    }

    @Override
    public Integer call() throws Exception {
        AutoTuner.Target t = target();
        if (inputs.quant != null) {
            throw new WorkbenchException("auto-tune starts from the calibration default; --quant is not used");
        }
        ModelSession session = inputs.open();
        CompileSettings settings = compile.settings(inputs);
        AutoTuner.Result r;
        EstimatorChoice choice;
        // Pinned programs hold snarkVM's Poseidon hash of the weights: every candidate asks the sidecar.
        try (SidecarClient client = settings.weightsMode() == WeightsMode.PINNED ? new SidecarClient() : null;
             CliProgress.Bar bar = CliProgress.forCommand(json).start("auto-tune", -1)) {
            choice = EstimatorChoice.forModel(session, settings, client == null ? null : client.fieldHash());
            r = session.autoTune(t, ConstraintEstimator.observed(choice.estimator(), bar::step));
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(inputs.modelFile().getFileName() + ": " + e.getMessage(), e);
        }
        String note = choice.measured() ? MEASURED_NOTE : PROVISIONAL_NOTE;
        if (out != null) {
            new QuantSpecJson().write(r.spec(), out);
        }
        PrintWriter pw = spec.commandLine().getOut();
        int n = session.normalizedFeatures().length;
        if (json) {
            new JsonOutput().print(pw, new AutoTuneJson(session.graph().name(), n, t.describe(), r.estimator(),
                    note, choice.fallbackReason(), r.floatAccuracy(), r.baseline(), r.chosen(), r.path(), r.pareto(), r.simulated(),
                    r.priced(), r.millis(), r.spec()));
            return ZkmlCli.OK;
        }
        pw.printf("%s on %d samples, target: %s; float accuracy %.2f%%%n", session.graph().name(), n,
                t.describe(), 100 * r.floatAccuracy());
        pw.printf("estimator: %s%n", choice.describe());
        pw.printf("constraints (%s):%n", note);
        pw.printf("  calibration default %,9d  accuracy %6.2f%%  agreement %6.2f%%%n", r.baseline().constraints(),
                100 * r.baseline().quantizedAccuracy(), 100 * r.baseline().argmaxAgreement());
        pw.printf("  tuned               %,9d  accuracy %6.2f%%  agreement %6.2f%%  (%s)%n", r.chosen().constraints(),
                100 * r.chosen().quantizedAccuracy(), 100 * r.chosen().argmaxAgreement(), r.chosen().settings());
        pw.println("changes taken:");
        r.path().forEach(p -> pw.println("  " + p));
        pw.println("Pareto front of the candidates simulated (constraints vs accuracy; bits: activation/weight[/domain]):");
        for (AutoTuner.Candidate c : r.pareto()) {
            pw.printf("  %,9d  accuracy %6.2f%%  agreement %6.2f%%  %s  %s%n", c.constraints(),
                    100 * c.quantizedAccuracy(), 100 * c.argmaxAgreement(), c.meetsTarget() ? "meets " : "misses",
                    c.settings());
        }
        pw.printf("%d candidates simulated, %d priced, %d ms%n", r.simulated(), r.priced(), r.millis());
        if (out != null) {
            pw.println("written to " + out);
        }
        pw.flush();
        return ZkmlCli.OK;
    }

    private AutoTuner.Target target() {
        if (target != null && target.minAgreement != null) {
            if (target.minAgreement <= 0 || target.minAgreement > 100) {
                throw new WorkbenchException("--min-agreement must be in (0, 100], got " + target.minAgreement);
            }
            return AutoTuner.Target.minAgreement(target.minAgreement);
        }
        double drop = target != null && target.maxAccuracyDrop != null ? target.maxAccuracyDrop : 0.5;
        if (drop < 0 || drop > 100) {
            throw new WorkbenchException("--max-accuracy-drop must be in [0, 100], got " + drop);
        }
        return AutoTuner.Target.maxAccuracyDrop(drop);
    }
}
