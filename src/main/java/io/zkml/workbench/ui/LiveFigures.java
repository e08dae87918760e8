package io.zkml.workbench.ui;

import io.zkml.workbench.ui.design.DesignController;
import io.zkml.workbench.ui.dashboard.TransitionTable;
import io.zkml.workbench.ui.dashboard.Dashboard;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.quant.CollapseCheck;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.samples.SampleInfo;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.ui.code.GeneratedCode;
import io.zkml.workbench.ui.dashboard.ProgramCost;
import io.zkml.workbench.ui.document.EditorDocument;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;
import io.zkml.workbench.ui.graph.TransitionLegend;
import io.zkml.workbench.ui.inspector.InspectorPane;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The open model's figures in every view, and where they come from: the live evaluation of the spec on
 * the dataset (accuracy, per-layer error, overflow) and the program compiled for the spec, whose figures
 * are every cost the views show (dashboard, node badges, inspector, the chain's legend and table). A spec
 * change asks for both at once, each on its own thread; each result is applied on the FX thread as it
 * arrives, the newest winning. While the graph shown is an unretrained design the figures, which describe
 * the model file, are hidden.
 */
final class LiveFigures {

    /** What the window lends: the open model and spec, and its inspector's refresh. */
    interface Host {
        /** The open model; null before one is open. */
        OpenedModel model();

        /** The project's spec; null before one is calibrated or restored. */
        QuantSpec spec();

        /** Rebuilds the inspector for the selection (its rows read {@link #evaluation()}). */
        void updateInspector();
    }

    /** The views the figures go to, and the metrics the graph shows without any. */
    record Views(GraphView graph, Dashboard dashboard, InspectorPane inspector, OverflowBanner banner,
                 TransitionLegend legend, TransitionTable table, StatusBar status, NodeMetricsProvider noFigures) {
    }

    private final Host host;
    private final Views views;
    private final EditorDocument doc;
    private final DesignController design;
    private final LiveEvaluator evaluator;
    private final ProgramPanels programs;
    private final ReadOnlyObjectWrapper<EvaluationSnapshot> evaluated = new ReadOnlyObjectWrapper<>(this, "evaluated");
    /** The program cost the dashboard shows, for the change since the last edit. */
    private ProgramCost shownCost;

    LiveFigures(Host host, Views views, EditorDocument doc, DesignController design, LiveEvaluator evaluator,
                ProgramPanels programs) {
        this.host = host;
        this.views = views;
        this.doc = doc;
        this.design = design;
        this.evaluator = evaluator;
        this.programs = programs;
        programs.generatedProperty().addListener((obs, o, g) -> programGenerated(g));
    }

    ReadOnlyObjectProperty<EvaluationSnapshot> evaluatedProperty() {
        return evaluated.getReadOnlyProperty();
    }

    /** The latest evaluation (with the cost of the program shown); null before one or after a failure. */
    EvaluationSnapshot evaluation() {
        return evaluated.get();
    }

    /** A model was opened: nothing is measured or compiled for it yet. */
    void reset() {
        evaluated.set(null);
        programs.clear("The program is generated once the model has been evaluated");
        shownCost = null;
        views.dashboard().showCost(List.of(), null, null);
    }

    /** Asks for the spec's program and evaluation (nothing without a dataset or a spec). */
    void evaluate() {
        OpenedModel model = host.model();
        QuantSpec spec = host.spec();
        if (model == null || !model.hasDataset() || spec == null) {
            return;
        }
        // The program needs the spec, not its evaluation: it compiles on its own thread beside the
        // evaluation rather than after it (issue #14), pausing while the evaluation runs (EvaluationFirst,
        // 250 ms at most), and applyEvaluation's ask for it then changes nothing. The compile reads only
        // the session's immutable graph, model file and dataset, never the incremental simulator the
        // evaluation thread drives. An unretrained design is not the model file, so it gets no program;
        // designGraphChanged asks once the design is the file again.
        // Asked first: the compile is the longer of the two (fashion-mlp, JIT warm: 70-120 ms CPU against
        // 3-13 ms), and on two cores a running evaluation would delay the FX thread's second hand-off.
        if (!design.isEdited()) {
            programs.update(model, spec);
        }
        evaluator.submit(model.session(), spec, this::applyEvaluation, this::evaluationFailed);
    }

    /** Design edits change the shown graph; figures only describe the model file, so they hide meanwhile. */
    void designGraphChanged() {
        OpenedModel model = host.model();
        if (design.isEdited() || evaluated.get() == null) {
            views.graph().metricsProviderProperty().set(views.noFigures());
            if (model != null && model.hasDataset()) {
                views.dashboard().clear("The design has changed: retrain to measure the edited network");
            }
        } else {
            applyEvaluation(evaluated.get());
        }
        host.updateInspector();
    }

    /** A program was compiled for the current spec and settings (null: none could be). */
    private void programGenerated(GeneratedCode g) {
        OpenedModel model = host.model();
        doc.compiled(g == null ? null : g.spec(), g == null ? null : g.compiled());
        views.legend().show(g == null || model == null ? null : g.compiled());
        views.table().show(g == null || model == null ? null : g.compiled());
        Dashboard dashboard = views.dashboard();
        if (g == null || model == null) {
            shownCost = null;
            dashboard.showCost(List.of(), null, null);
            dashboard.showLimits(null, "Aleo's limits are checked on the generated program; none is generated yet or for"
                    + " these settings (the Code tab says why)");
            return;
        }
        ProgramCost c = new ProgramCost(g.compiled());
        Long before = shownCost == null ? null : shownCost.totalConstraints();
        shownCost = c;
        dashboard.showLimits(CostReport.rows(g.compiled()), null);
        dashboard.showCost(model.graph().nodes().stream().map(n -> n.name()).toList(), c, before);
        EvaluationSnapshot s = evaluated.get();
        if (s != null && s.spec().equals(g.spec()) && !design.isEdited()) {
            EvaluationSnapshot withCost = s.withCost(c);
            evaluated.set(withCost);
            views.graph().metricsProviderProperty().set(withCost);
            host.updateInspector();
        }
    }

    private void applyEvaluation(EvaluationSnapshot evaluation) {
        // Node badges keep the last program's cost until the one for this spec compiles (the
        // dashboard marks it as updating meanwhile); an already compiled program for it is used at once.
        EvaluationSnapshot s = doc.compiledFor(evaluation.spec()).map(c -> evaluation.withCost(new ProgramCost(c)))
                .orElse(shownCost != null ? evaluation.withCost(shownCost) : evaluation);
        evaluated.set(s);
        if (design.isEdited()) {
            // The shown graph is an unretrained design; these figures describe the model file.
            return;
        }
        OpenedModel model = host.model();
        // Normally asked for when the spec changed (evaluate()); this ask matters when the design
        // has just become the model file again (designGraphChanged).
        programs.update(model, s.spec());
        views.graph().metricsProviderProperty().set(s);
        String primary = views.graph().selection().primary();
        ModelGraph graph = model.graph();
        views.inspector().updateFigures(primary == null ? Optional.empty() : s.metrics(graph, graph.node(primary)), s);
        Optional<CollapseWarning> collapse = CollapseCheck.check(s.evaluation());
        views.banner().showReport(s.evaluation().overflow(), collapse);
        views.dashboard().showOutput(s.evaluation().output(), s.evaluation().overflow(), collapse,
                floatMaeOfSample(model), s.evaluation().reference());
    }

    /** A regression sample's float error on its own test split, for the dashboard to compare with. */
    private static OptionalDouble floatMaeOfSample(OpenedModel model) {
        Optional<SampleInfo> sample = model.modelFile().flatMap(ModelSession::sampleFor)
                .filter(si -> si.task() == io.zkml.workbench.data.TaskKind.REGRESSION);
        boolean ownTestSplit = sample.isPresent() && model.dataset()
                .map(d -> d.endsWith(sample.get().files().testCsv())).orElse(false);
        return ownTestSplit ? OptionalDouble.of(sample.get().expectedTestMetric()) : OptionalDouble.empty();
    }

    private void evaluationFailed(Throwable t) {
        evaluated.set(null);
        views.graph().metricsProviderProperty().set(views.noFigures());
        views.banner().showFailure(ErrorDialog.humanMessage(t));
        views.dashboard().clear("These settings cannot be evaluated");
        views.status().setMessage("Evaluation failed: " + ErrorDialog.humanMessage(t));
    }
}
