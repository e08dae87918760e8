package io.zkml.workbench.ui;

import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.EstimatorChoice;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.ui.document.EditorDocument;
import io.zkml.workbench.ui.format.Format;
import javafx.concurrent.Task;
import javafx.stage.Window;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's Calibrate and Auto-tune…, which replace the spec with one they compute from the dataset:
 * the calibration as background work, the auto-tune search on the evaluation thread. Both apply their spec
 * only to the model they started on (another opened meanwhile keeps its own).
 */
final class SpecTuning {

    /** What the window lends: the open model and its settings, and what follows a new spec. */
    interface Host {
        /** The open model; null before one is open. */
        OpenedModel model();

        /** The project's compile settings (auto-tune prices its candidates as the project's program). */
        CompileSettings compileSettings();

        /** An undoable spec edit, evaluated. */
        void editSpec(String description, QuantSpec spec);

        /** The spec changed: the inspector shows its widths and the figures follow. */
        void specShown(boolean evaluate);

        Window window();
    }

    private final Host host;
    private final EditorDocument doc;
    private final BackgroundWork work;
    private final LiveEvaluator evaluator;
    private final ProgramPanels programs;
    private final StatusBar status;
    private AutoTuneDialog autoTuneDialog;

    SpecTuning(Host host, EditorDocument doc, BackgroundWork work, LiveEvaluator evaluator, ProgramPanels programs,
               StatusBar status) {
        this.host = host;
        this.doc = doc;
        this.work = work;
        this.evaluator = evaluator;
        this.programs = programs;
        this.status = status;
    }

    /**
     * Runs the calibration on the dataset and replaces the spec with its proposal: an undoable edit when the
     * user asked, the project's first spec otherwise (nothing to undo or save yet).
     */
    void calibrate(boolean userAsked) {
        OpenedModel forModel = host.model();
        if (forModel == null || !forModel.hasDataset()) {
            return;
        }
        ModelSession session = forModel.session();
        Task<QuantSpec> task = new Task<>() {
            @Override
            protected QuantSpec call() {
                updateMessage("Calibrating " + session.graph().name() + " on "
                        + Format.count(session.dataset().get().size()) + " rows…");
                updateProgress(-1, 1);
                return session.calibrate();
            }
        };
        work.run(task, "Could not calibrate " + session.graph().name(), proposed -> {
            if (host.model() != forModel) {
                return;
            }
            if (userAsked) {
                doc.project().edit("Calibrate", doc.state().withSpec(proposed));
            } else {
                doc.project().amend(doc.state().withSpec(proposed));
            }
            status.setMessage("Calibrated: every layer's scale now follows the dataset's ranges");
            host.specShown(true);
        });
    }

    /**
     * "Auto-tune…": the search runs on the evaluation thread, because it drives the session's incremental
     * simulator, which the live evaluation also uses and which is not thread-safe. Any row of its result can
     * be applied, as an undoable spec edit.
     */
    void openAutoTune() {
        OpenedModel forModel = host.model();
        if (forModel == null || !forModel.hasDataset()) {
            return;
        }
        ModelSession session = forModel.session();
        CompileSettings settings = host.compileSettings();
        autoTuneDialog = new AutoTuneDialog(host.window(), session.graph().name(), target -> {
            Task<AutoTuneDialog.Outcome> task = new Task<>() {
                @Override
                protected AutoTuneDialog.Outcome call() {
                    updateMessage("Choosing the constraint estimate…");
                    // Candidates are priced as the project's program: same compiler, same settings.
                    EstimatorChoice choice = EstimatorChoice.forModel(session, settings, programs::hash);
                    AtomicInteger priced = new AtomicInteger();
                    ConstraintEstimator counted = ConstraintEstimator.observed(choice.estimator(),
                            () -> updateMessage("Searching for " + target.describe() + ": "
                                    + Format.count(priced.incrementAndGet()) + " specs priced…"));
                    return new AutoTuneDialog.Outcome(session.autoTune(target, counted, this::isCancelled),
                            choice.describe());
                }
            };
            if (!evaluator.runExclusive(task)) {
                task.cancel();
            }
            return task;
        }, applied -> {
            if (host.model() != forModel) {
                status.setMessage("Not applied: another model is open now");
                return;
            }
            host.editSpec("Apply the auto-tuned spec", applied.spec());
            host.specShown(false);
            status.setMessage(String.format(Locale.US, "Applied the %s auto-tuned spec: %s constraints (calibration"
                    + " default %s), %s", applied.recommended() ? "recommended" : "selected",
                    Format.count(applied.candidate().constraints()),
                    Format.count(applied.result().baseline().constraints()), applied.result().target().describe()));
        });
        autoTuneDialog.show();
    }

    /** The auto-tune dialog opened last, for tests. */
    AutoTuneDialog autoTuneDialog() {
        return autoTuneDialog;
    }
}
