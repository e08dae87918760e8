package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.ui.start.StartPage;
import io.zkml.workbench.ui.design.DesignController;
import io.zkml.workbench.ui.dashboard.TransitionTable;
import io.zkml.workbench.ui.dashboard.Dashboard;
import io.zkml.workbench.ui.inspector.QuantizationPanel;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.ui.graph.GraphLayout;

import io.zkml.workbench.ui.graph.GraphSelection;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.LayoutDirection;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;
import io.zkml.workbench.ui.graph.TransitionLegend;
import io.zkml.workbench.ui.inspector.InspectorPane;

import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.design.DesignState;
import io.zkml.workbench.project.Autosave;
import io.zkml.workbench.ui.document.EditorDocument;
import io.zkml.workbench.project.FlowDirection;
import io.zkml.workbench.project.ProjectDocument;
import io.zkml.workbench.project.ProjectState;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.RecentFiles;
import io.zkml.workbench.io.WorkbenchHome;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.SetChangeListener;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The workbench window's content: toolbar, start page or editor (overflow banner, graph,
 * inspector, dashboard), and the status bar. The open project's edited state — spec, export
 * settings, design — with its one undo history and dirty state is a plain-Java
 * {@link ProjectDocument}; this class shows it, keeps the latest evaluation and project file, and
 * wires user actions to background work.
 */
public final class MainWindow extends BorderPane implements AutoCloseable {

    static final Duration AUTOSAVE_EVERY = Duration.seconds(60);

    /** Autosaves written after this are this session's (the recovery banner says so). */
    private final java.time.Instant sessionStart = java.time.Instant.now();

    private final NodeMetricsProvider fallbackMetrics;
    private final Appearance appearance;
    private final ProjectStore store = new ProjectStore();
    private final RecentFiles recent;
    private final Autosave autosave;
    private final WorkbenchToolbar toolbar = new WorkbenchToolbar();
    private final StartPage startPage;
    private final GraphView graphView = new GraphView();
    private final QuantizationPanel quantPanel = new QuantizationPanel(this::spec, this::editSpec);
    private final InspectorPane inspector = new InspectorPane(quantPanel);
    private final OverflowBanner banner = new OverflowBanner();
    private final Dashboard dashboard = new Dashboard();
    /** The graph with design mode's palette beside it while design mode is on. */
    private final BorderPane graphArea = new BorderPane(graphView);
    private final StatusBar status = new StatusBar();
    private final WindowDialogs dialogs = new WindowDialogs(this::window);
    private final BackgroundWork work = new BackgroundWork(status, this::window);
    /** A spec's evaluation and its compile start together; the compile lets the (much shorter) evaluation go first. */
    private final EvaluationFirst evaluationFirst = new EvaluationFirst();
    private final ProgramPanels programs = new ProgramPanels(inspector, work, this::window, evaluationFirst);
    private final SplitPane split = new SplitPane(graphArea, programs.tabs());
    /** A program chain's transitions: the legend of the nodes' "T1", "T2"… badges and the dashboard's rows. */
    private final TransitionLegend transitionLegend = new TransitionLegend();
    private final TransitionTable transitionTable = new TransitionTable();
    private final VBox editor = new VBox(banner, split, transitionTable, dashboard);
    private final LiveEvaluator evaluator = new LiveEvaluator(evaluationFirst);
    private final DesignController design;
    private final Timeline autosaveTimer = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> autosaveNow()));
    /** Save, Save as, the autosave, Save model as and the question before leaving unsaved changes. */
    private final ProjectSaving saving;
    /** Calibrate and Auto-tune…: specs computed from the dataset. */
    private final SpecTuning tuning;
    /** The evaluation's and the compiled program's figures in every view. */
    private final LiveFigures figures;
    /** Open model/project, Recent files, a dropped file, recovery: models read and laid out off the FX thread. */
    private final ProjectOpening opening;

    private final ReadOnlyObjectWrapper<LoadedModel> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>(this, "projectFile");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final StringBinding title;

    private OpenedModel model;
    /**
     * The open project (spec, export settings and design with their history), its file, the save in
     * flight and its compiled program; nothing open before a model opens.
     */
    private final EditorDocument doc = new EditorDocument(this::documentChanged);
    private final HistoryControls history;
    /** The project's program chain (maximum SRS per transition, forced cuts): Model ▸ Program chain, node menus. */
    private final ChainControls chain = new ChainControls(new ChainControls.Host(doc::project,
            () -> programs.generatedProperty().get() == null ? null : programs.generatedProperty().get().compiled(),
            () -> programs.setSettings(compileSettings()), m -> status.setMessage(m)));
    /** Weights mode, consensus version and chain: the export settings' controls, edits of the project. */
    private final ExportSettingsControls settings = new ExportSettingsControls(doc, programs.weightsModeProperty(), chain,
            () -> programs.setSettings(compileSettings()));
    private WorkbenchProject.ProvingSettings provingSettings;
    private LayoutDirection direction = LayoutDirection.TOP_TO_BOTTOM;

    public MainWindow(ModelLoader loader, NodeMetricsProvider metrics, SampleGalleryModel samples,
                      Appearance appearance, WorkbenchHome home) {
        this.fallbackMetrics = metrics;
        this.appearance = appearance;
        this.recent = new RecentFiles(home);
        this.autosave = new Autosave(home, store);
        this.design = new DesignController(new DesignController.Host(graphView, status, work, () -> model,
                g -> ProjectOpening.newLayout().layout(g, direction), this::openRetrained, this::window, this::designGraphChanged,
                () -> doc.state().design(),
                (d, description) -> doc.project().edit(description, doc.state().withDesign(d))));
        this.figures = new LiveFigures(new LiveFigures.Host() {
            @Override
            public OpenedModel model() {
                return model;
            }

            @Override
            public QuantSpec spec() {
                return MainWindow.this.spec();
            }

            @Override
            public void updateInspector() {
                MainWindow.this.updateInspector();
            }
        }, new LiveFigures.Views(graphView, dashboard, inspector, banner, transitionLegend, transitionTable, status, metrics),
                doc, design, evaluator, programs);
        this.saving = new ProjectSaving(new ProjectSaving.Host() {
            @Override
            public OpenedModel model() {
                return model;
            }

            @Override
            public Optional<WorkbenchProject> currentProject() {
                return MainWindow.this.currentProject();
            }

            @Override
            public boolean dirty() {
                return dirty.get();
            }

            @Override
            public void relocateModel(Path copy) {
                MainWindow.this.relocateModel(copy);
            }

            @Override
            public String documentName() {
                return MainWindow.this.documentName();
            }
        }, doc, design, store, autosave, recent, status, dialogs, this::window);
        this.tuning = new SpecTuning(new SpecTuning.Host() {
            @Override
            public OpenedModel model() {
                return model;
            }

            @Override
            public CompileSettings compileSettings() {
                return MainWindow.this.compileSettings();
            }

            @Override
            public void editSpec(String description, QuantSpec spec) {
                MainWindow.this.editSpec(description, spec);
            }

            @Override
            public void specShown(boolean evaluate) {
                updateInspector(); // the controls show the new widths, not the ones typed last
                if (evaluate) {
                    figures.evaluate();
                }
            }

            @Override
            public Window window() {
                return MainWindow.this.window();
            }
        }, doc, work, evaluator, programs, status);
        this.opening = new ProjectOpening(new ProjectOpening.Host() {
            @Override
            public void show(OpenedModel m, LoadedModel layout, LayoutDirection dir, ProjectOpening.Restore restore) {
                MainWindow.this.show(m, layout, dir, restore);
            }

            @Override
            public LayoutDirection direction() {
                return direction;
            }

            @Override
            public void showStart() {
                MainWindow.this.showStart();
            }

            @Override
            public void confirmLeave(String question, Runnable proceed) {
                MainWindow.this.confirmLeave(question, proceed);
            }
        }, loader, store, recent, autosave, work, dialogs, status);
        getStyleClass().add("workbench");
        startPage = new StartPage(samples, new StartPage.Actions(s -> opening.open(new ModelRequest.Sample(s)),
                opening::chooseModel, opening::chooseProject, opening::openRecent, opening::recoverUnsaved));
        graphView.metricsProviderProperty().set(metrics);

        split.getStyleClass().add("editor");
        chain.installOn(graphView, () -> design.activeProperty().get());
        graphArea.setBottom(transitionLegend);
        programs.tabs().setMinWidth(340);
        programs.tabs().setPrefWidth(440);
        SplitPane.setResizableWithParent(programs.tabs(), false);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);

        title = Bindings.createStringBinding(() -> (dirty.get() ? "*" : "") + documentName() + " — zkML Workbench",
                dirty, projectFile, loaded);

        javafx.scene.control.MenuBar menus = menuBar();
        history = new HistoryControls(toolbar, menus);
        setTop(new VBox(menus, toolbar));
        setCenter(startPage);
        setBottom(status);
        wireToolbar();
        wireInspector();
        wireDashboard();
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (getCenter() == editor) {
                graphView.handleZoomKey(e);
                boolean typing = e.getTarget() instanceof javafx.scene.control.TextInputControl;
                if (!typing && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
                    design.deleteSelected();
                }
            }
        });
        sceneProperty().addListener((obs, o, scene) -> addAccelerators(scene));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
        showStart();
    }

    private String documentName() {
        if (projectFile.get() != null) {
            return projectFile.get().getFileName().toString();
        }
        return loaded.get() == null ? "Start" : loaded.get().graph().name() + " (unsaved project)";
    }

    private void addAccelerators(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::save);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), saving::chooseSaveAs);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), opening::chooseModel);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), this::undo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::redo);
    }

    /** The menu bar: a menu entry (and mostly a shortcut) for every toolbar and dashboard action. */
    private javafx.scene.control.MenuBar menuBar() {
        javafx.scene.control.MenuBar bar = MenuBarBuilder.build(toolbar, new MenuBarBuilder.Actions(
                this::home, recent::list, opening::openRecent, () -> programs.code().export.fire(), this::quit,
                this::undo, this::redo, design::deleteSelected, this::findInCode,
                graphView::zoomIn, graphView::zoomOut, graphView::resetZoom, graphView::fitToWindow,
                () -> toolbar.direction.fire(), toolbar.heatMap.selectedProperty(), appearance::larger,
                appearance::smaller, appearance.darkProperty(),
                () -> programs.tabs().getSelectionModel().select(0), programs::showCode, programs::showProving,
                () -> dashboard.calibrate.fire(), () -> dashboard.autoTune.fire(), () -> dashboard.chooseDataset.fire(),
                settings.consensusProperty(), chain.menu(), design.activeProperty(), () -> toolbar.retrain.fire(), () -> {
                    programs.showProving();
                    programs.proving().run.fire();
                }, () -> {
                    programs.showProving();
                    programs.proving().prove.fire();
                }, () -> help().showGuide(HelpWindow.Guide.ML_ENGINEER),
                () -> help().showGuide(HelpWindow.Guide.AUDITOR), () -> help().showGuide(HelpWindow.Guide.WORKSHOP),
                () -> help().showShortcuts(), () -> HelpWindow.showAbout(window())));
        shortcuts = MenuBarBuilder.shortcuts(bar);
        return bar;
    }

    private List<HelpWindow.Shortcut> shortcuts = List.of();
    private HelpWindow help;

    /** Help ▸ guides and shortcuts, in one window per workbench window. */
    HelpWindow help() {
        if (help == null) {
            help = new HelpWindow(window(), shortcuts);
        }
        return help;
    }

    /** Ctrl+F from anywhere: the Code tab with its find bar. */
    private void findInCode() {
        if (getCenter() != editor) {
            return;
        }
        programs.showCode();
        programs.code().openFind();
    }

    /**
     * Home (toolbar, File ▸ Start page): the start page replaces the editor, and what is opened from
     * there replaces the project, so unsaved changes are asked about first, as when closing.
     */
    void home() {
        confirmLeave("Save changes before leaving?", this::showStart);
    }

    /** File ▸ Quit (Ctrl+Q): asks about unsaved changes as closing the window does, then closes it. */
    void quit() {
        confirmClose(() -> {
            if (window() instanceof javafx.stage.Stage s) {
                s.close();
            }
        });
    }

    private void wireToolbar() {
        FileDrop.install(this, opening::openDropped);
        toolbar.home.setOnAction(e -> home());
        toolbar.openModel.setOnAction(e -> opening.chooseModel());
        toolbar.openProject.setOnAction(e -> opening.chooseProject());
        toolbar.save.setOnAction(e -> save());
        toolbar.saveProject.setOnAction(e -> save());
        toolbar.saveAs.setOnAction(e -> saving.chooseSaveAs());
        toolbar.saveModelAs.setOnAction(e -> saving.chooseSaveModelAs());
        toolbar.saveModel.setOnAction(e -> saving.chooseSaveModelAs());
        toolbar.auditItem.setOnAction(e -> io.zkml.workbench.ui.audit.AuditWindow.open(window()));
        toolbar.zoomIn.setOnAction(e -> graphView.zoomIn());
        toolbar.zoomOut.setOnAction(e -> graphView.zoomOut());
        toolbar.fit.setOnAction(e -> graphView.fitToWindow());
        toolbar.zoomLabel.textProperty().bind(
                graphView.zoomProperty().multiply(100).asString(Locale.US, "%.0f%%"));
        toolbar.direction.setOnAction(e -> relayout(direction.flipped()));
        toolbar.showDirection(direction);
        graphView.heatMapProperty().bindBidirectional(toolbar.heatMap.selectedProperty());
        graphView.heatMetricProperty().bind(toolbar.heatMetric.valueProperty());
        graphView.heatMapProperty().addListener((obs, was, on) -> {
            if (on && !graphView.hasMetrics()) {
                status.setMessage("No figures yet: the heat map fills in once the model has been evaluated");
            }
        });
        toolbar.fontLarger.setOnAction(e -> appearance.larger());
        toolbar.fontSmaller.setOnAction(e -> appearance.smaller());
        toolbar.theme.selectedProperty().bindBidirectional(appearance.darkProperty());
        toolbar.design.selectedProperty().bindBidirectional(design.activeProperty());
        toolbar.audit.setOnAction(e -> io.zkml.workbench.ui.audit.AuditWindow.open(window()));
        toolbar.undo.setOnAction(e -> undo());
        toolbar.redo.setOnAction(e -> redo());
        toolbar.retrain.setOnAction(e -> design.openRetrainDialog());
        design.activeProperty().addListener((obs, was, on) -> {
            graphArea.setLeft(on ? design.paletteView() : null);
            inspector.setDesignSection(on ? design.fields() : null);
            updateInspector();
        });
    }

    /** Design edits change the shown graph; figures describe only the model file (see {@link LiveFigures}). */
    private void designGraphChanged() {
        figures.designGraphChanged();
    }

    /** Opens a model file written by retraining (or the one before it), calibrating it afresh. */
    private void openRetrained(Path modelFile, Path dataset) {
        opening.open(new ModelRequest.File(modelFile, dataset), new ProjectOpening.Restore(null, editorLayout(), projectFile.get(),
                doc.state().export(), provingSettings, WorkbenchProject.Design.NONE, true, List.of()));
    }

    private void wireInspector() {
        GraphSelection sel = graphView.selection();
        // One selection change is many set events (one per node: Ctrl+A on 2,000 layers, or a click
        // after it); the inspector is rebuilt once after them, not once per event (24 s measured).
        sel.selected().addListener((SetChangeListener<String>) c -> updateInspectorSoon());
        sel.primaryProperty().addListener(o -> updateInspectorSoon());
        sel.primaryProperty().addListener((obs, o, primary) -> programs.highlight(primary));
    }

    private void wireDashboard() {
        dashboard.calibrate.setOnAction(e -> calibrate(true));
        banner.calibrate.setOnAction(e -> calibrate(true));
        dashboard.chooseDataset.setOnAction(e -> chooseDataset());
        dashboard.autoTune.setOnAction(e -> tuning.openAutoTune());
        // Busy marks come on only for work long enough to be seen waiting (ShownAfter): most updates end sooner.
        new ShownAfter(evaluator.busyProperty()).property().addListener((obs, o, busy) -> dashboard.setBusy(busy));
        // Every cost figure is the compiled program's: the dashboard follows the code generator
        // (newest program wins) and, while a newer one compiles, keeps the last marked as updating.
        ReadOnlyBooleanProperty compiling = new ShownAfter(programs.generatingProperty()).property();
        compiling.addListener((obs, o, busy) -> dashboard.setCostUpdating(busy));
        graphView.costUpdatingProperty().bind(compiling);
        // A range the compiler refuses is shown where it is fixed: on the layer's node and in its inspector.
        graphView.refusalProperty().bind(programs.refusalProperty());
        programs.refusalProperty().addListener((obs, o, r) -> inspector.setRefusal(r));
    }

    /** The project's compile settings: its export settings, or the defaults for a bare model. */
    private CompileSettings compileSettings() {
        WorkbenchProject.ExportSettings export = !doc.isOpen() ? null : doc.state().export();
        return export != null ? export.compileSettings() : CompileSettings.defaults();
    }

    private boolean inspectorPending;

    private void updateInspectorSoon() {
        if (!inspectorPending) {
            inspectorPending = true;
            Platform.runLater(() -> {
                inspectorPending = false;
                updateInspector();
            });
        }
    }

    private void updateInspector() {
        ModelGraph g = graphView.graph().orElse(null);
        String selected = graphView.selection().primary();
        // While a design edit swaps the graph, the selection can briefly name a node it no longer has.
        String primary = g != null && selected != null && g.indexOf(selected) < 0 ? null : selected;
        boolean showFigures = !design.isEdited();
        inspector.show(g, graphView.selection().selected(), primary,
                g == null || primary == null || !showFigures ? Optional.empty() : graphView.metricsFor(g.node(primary)),
                showFigures ? figures.evaluation() : null, model != null && model.hasDataset());
    }

    // ---- opening -------------------------------------------------------------------------

    public void showStart() {
        setCenter(startPage);
        toolbar.setGraphControlsEnabled(false);
        history.show(null); // the start page has nothing to undo
        status.setSummary("");
        startPage.showRecent(recent.list());
        startPage.showRecoveries(autosave.unsavedRecoveries(), sessionStart);
    }

    public void showEditor() {
        setCenter(editor);
        toolbar.setGraphControlsEnabled(true);
        history.show(doc.project());
    }

    /** Loads and lays out a model in the background, then shows it in the editor. */
    public Task<?> open(ModelRequest request) {
        return opening.open(request);
    }

    private void show(OpenedModel m, LoadedModel layoutModel, LayoutDirection dir, ProjectOpening.Restore restore) {
        evaluator.invalidate();
        model = m;
        // A model file's export settings are explicit from the start (the defaults name the program
        // after the file), so every state in the history compiles the same program wherever the file moves.
        WorkbenchProject.ExportSettings export = restore.export() != null ? restore.export()
                : m.modelFile().map(WorkbenchProject.ExportSettings::forModel).orElse(null);
        DesignState unedited = DesignState.original(m.graph());
        doc.open(new ProjectState(restore.spec(), export, unedited), restore.dirty(), restore.projectFile());
        design.modelShown(m, unedited);
        provingSettings = restore.proving();
        figures.reset();
        settings.show(doc.state());
        programs.setSettings(compileSettings());
        banner.hide();
        direction = dir;
        toolbar.showDirection(direction);
        graphView.metricsProviderProperty().set(fallbackMetrics);
        showEditor();
        graphView.show(m.graph(), layoutModel.layout());
        List<String> warnings = new java.util.ArrayList<>(restore.warnings());
        warnings.addAll(design.restore(restore.design(),
                restore.editor() == null ? null : restore.editor().selectedNode()));
        ModelGraph g = m.graph();
        status.setMessage("Opened " + g.name());
        status.setSummary(g.name() + "  ·  " + g.nodes().size() + " nodes  ·  "
                + Format.count(g.parameterCount()) + " parameters");
        describeDataset();
        if (restore.editor() != null) {
            java.util.Optional<String> selected = restore.editor().selected().filter(n -> g.indexOf(n) >= 0);
            selected.ifPresent(n -> graphView.selection().select(n));
            double zoom = restore.editor().zoom();
            Platform.runLater(() -> {
                graphView.zoomAt(zoom, graphView.getWidth() / 2, graphView.getHeight() / 2);
                selected.ifPresent(graphView::reveal); // where the project left its selection, in view
            });
        }
        updateInspector();
        graphView.requestFocus();
        loaded.set(layoutModel);
        // The replayed design edits are what the file holds; edits that could not be replayed are not.
        doc.project().openedAsSaved();
        if (warnings.size() > restore.warnings().size()) {
            doc.project().changedOutsideHistory();
        }
        if (!warnings.isEmpty()) {
            status.setMessage(warnings.get(0));
            dialogs.openedWithWarnings(warnings);
        }
        if (m.hasDataset()) {
            if (spec() == null) {
                calibrate(false);
            } else {
                figures.evaluate();
            }
        } else {
            dashboard.clear(m.session() == null ? "This graph has no model file to evaluate"
                    : "Choose a dataset to measure accuracy and error");
        }
    }

    private void describeDataset() {
        ModelSession s = model == null ? null : model.session();
        if (s == null || s.dataset().isEmpty()) {
            dashboard.setDataset("No dataset: choose one to calibrate and measure error");
            dashboard.calibrate.setDisable(true);
            dashboard.autoTune.setDisable(true);
            return;
        }
        dashboard.calibrate.setDisable(false);
        // AutoTuner's targets are about classes (accuracy, argmax agreement); it refuses regressors.
        dashboard.autoTune.setDisable(s.dataset().get().task() != io.zkml.workbench.data.TaskKind.CLASSIFICATION);
        dashboard.setDataset(Format.count(s.dataset().get().size()) + " rows"
                + model.dataset().map(d -> " from " + d.getFileName()).orElse(""));
    }

    private void relayout(LayoutDirection newDirection) {
        ModelGraph g = graphView.graph().orElse(null);
        if (g == null) {
            return;
        }
        Task<GraphLayout> task = new Task<>() {
            @Override
            protected GraphLayout call() {
                updateMessage("Laying out…");
                return ProjectOpening.newLayout().layout(g, newDirection);
            }
        };
        work.run(task, "Could not lay out " + g.name(), layout -> {
            direction = newDirection;
            toolbar.showDirection(direction);
            graphView.applyLayout(layout);
            graphView.fitToWindow();
            if (doc.isOpen()) {
                doc.project().changedOutsideHistory();
            }
            status.setMessage("Layout: " + newDirection.toString().toLowerCase(Locale.ROOT));
        });
    }

    // ---- spec, evaluation and calibration ------------------------------------------------

    QuantSpec spec() {
        return !doc.isOpen() ? null : doc.state().spec();
    }

    /** A change from the inspector: takes effect at once, figures follow when the evaluation ends. */
    void editSpec(QuantSpec newSpec) {
        editSpec(SpecEdits.describe(spec(), newSpec), newSpec);
    }

    private void editSpec(String description, QuantSpec newSpec) {
        doc.project().edit(description, doc.state().withSpec(newSpec));
        figures.evaluate();
    }

    ObjectProperty<ConsensusVersion> consensusProperty() {
        return settings.consensusProperty();
    }

    // ---- undo and redo -------------------------------------------------------------------

    /** Ctrl+Z, Edit ▸ Undo, the toolbar's undo: takes back the project's last edit of any kind. */
    void undo() {
        if (doc.isOpen() && getCenter() == editor) {
            doc.project().undo().ifPresent(this::historyMoved);
        }
    }

    void redo() {
        if (doc.isOpen() && getCenter() == editor) {
            doc.project().redo().ifPresent(this::historyMoved);
        }
    }

    /**
     * Puts the views in line with the state undo or redo restored. Only what differs is redone,
     * and each part the way an edit of it would be: the program, dashboard and badges then follow
     * from the evaluation and compilation as after any edit.
     */
    private void historyMoved(ProjectDocument.Change c) {
        ProjectState before = c.before();
        ProjectState after = c.after();
        if (after.export() != before.export()) {
            settings.show(after);
            programs.setSettings(compileSettings());
        }
        if (after.design() != before.design()) {
            design.show(after.design());
        }
        if (after.spec() != before.spec()) {
            updateInspector(); // the controls show the restored widths, not the ones typed last
            figures.evaluate();
        }
        status.setMessage((c.undone() ? "Undid: " : "Redid: ") + c.description());
    }

    /** The document changed (an edit, undo, redo, save): dirty marker and undo controls follow. */
    private void documentChanged() {
        // Graphs without a model file cannot be saved, so they have nothing unsaved either.
        dirty.set(model != null && model.session() != null && doc.isDirty());
        projectFile.set(doc.projectFile().orElse(null));
        history.show(doc.project());
    }

    /** Runs the calibration on the dataset and replaces the spec with its proposal (see {@link SpecTuning}). */
    public void calibrate(boolean userAsked) {
        tuning.calibrate(userAsked);
    }

    /** The auto-tune dialog opened last, for tests. */
    AutoTuneDialog autoTuneDialog() {
        return tuning.autoTuneDialog();
    }

    private void chooseDataset() {
        if (model == null || model.modelFile().isEmpty()) {
            return;
        }
        dialogs.dataset().ifPresent(this::openDataset);
    }

    /** Reopens the current model with another dataset, keeping the spec and project settings. */
    public void openDataset(Path csv) {
        Path m = model.modelFile().orElseThrow();
        opening.open(new ModelRequest.File(m, csv), new ProjectOpening.Restore(spec(), editorLayout(), projectFile.get(),
                doc.state().export(), provingSettings, design.state(m), true, List.of()));
    }

    // ---- projects ------------------------------------------------------------------------

    /** The open model as a project, for saving; empty for graphs without a model file. */
    public Optional<WorkbenchProject> currentProject() {
        if (model == null || model.modelFile().isEmpty()) {
            return Optional.empty();
        }
        Path data = model.dataset().orElse(null);
        Path file = model.modelFile().get();
        return Optional.of(new WorkbenchProject(file, model.modelSha256(), data, spec(),
                doc.state().export(), provingSettings, editorLayout(), design.state(file)));
    }

    private WorkbenchProject.EditorLayout editorLayout() {
        return new WorkbenchProject.EditorLayout(FlowDirection.valueOf(direction.name()), graphView.zoom(),
                graphView.selection().primary());
    }

    /**
     * Ctrl+S: saves to the project file, or asks for one the first time.
     *
     * @return completes (on the FX thread) with true once the project is on disk; false when
     *         nothing was saved (no model, the user cancelled the file chooser, or the write failed)
     */
    public CompletableFuture<Boolean> save() {
        return saving.save();
    }

    /** Writes the project to {@code file} (see {@link ProjectSaving#saveAs}). */
    public CompletableFuture<Boolean> saveAs(Path file) {
        return saving.saveAs(file);
    }

    /** Writes unsaved changes to the autosave file (see {@link ProjectSaving#autosaveNow}). */
    public CompletableFuture<Optional<Path>> autosaveNow() {
        return saving.autosaveNow();
    }

    // ---- the model file ------------------------------------------------------------------

    /** Writes the open model as a Deeplearning4j zip (see {@link ProjectSaving#saveModelAs}). */
    public CompletableFuture<Boolean> saveModelAs(Path file) {
        return saving.saveModelAs(file);
    }

    /** The open model now lives in {@code copy} (same bytes): the project refers to it from here on. */
    private void relocateModel(Path copy) {
        Path from = model.modelFile().orElseThrow();
        model = new OpenedModel(model.graph(), model.session().relocated(copy), model.modelSha256(),
                model.datasetFile());
        // The export settings already name the program after the original file (see show), so it keeps its name.
        design.modelRelocated(from, copy);
    }

    /** Opens a project, first offering its autosave when that holds newer, unsaved work. */
    public void openProject(Path file) {
        opening.openProject(file);
    }

    /**
     * Asks about unsaved changes before the window closes; {@code proceed} runs once they are
     * saved or the user chose to drop them, never when the user cancels.
     */
    public void confirmClose(Runnable proceed) {
        confirmLeave("Save changes before closing?", proceed);
    }

    private void confirmLeave(String question, Runnable proceed) {
        saving.confirmLeave(question, proceed);
    }

    /**
     * Binds the stage's title (with the "*" dirty marker) and asks about unsaved changes when the
     * user closes it; the app and the tests install the same guard.
     */
    public void guard(javafx.stage.Stage stage) {
        stage.titleProperty().bind(titleBinding());
        stage.setOnCloseRequest(e -> {
            if (dirty.get()) {
                e.consume();
                confirmClose(stage::close);
            }
        });
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ---- for the app, the screenshot mode and tests --------------------------------------

    /**
     * Selects the node named {@code name} in the open model, as a click would (the launch options'
     * {@code --select}), and pans the graph to it; a name the model does not have is reported in the status
     * bar and selects nothing.
     */
    public void selectNode(String name) {
        LoadedModel m = loaded.get();
        if (m == null || m.graph().indexOf(name) < 0) {
            statusBar().setMessage("No node named " + name + (m == null ? "" : "; this model's nodes: "
                    + String.join(", ", m.graph().nodes().stream().map(n -> n.name()).toList())));
            return;
        }
        graphView().selection().select(name);
        graphView().reveal(name);
    }

    public ReadOnlyObjectProperty<LoadedModel> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EvaluationSnapshot> evaluatedProperty() {
        return figures.evaluatedProperty();
    }

    public ReadOnlyBooleanProperty evaluatingProperty() {
        return evaluator.busyProperty();
    }

    /** The evaluation thread, for tests that hold an evaluation back ({@link LiveEvaluator#runExclusive}). */
    LiveEvaluator evaluator() {
        return evaluator;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    /** "*name — zkML Workbench"; the stage title binds to it. */
    public StringBinding titleBinding() {
        return title;
    }

    public GraphView graphView() {
        return graphView;
    }

    SplitPane split() {
        return split;
    }

    ProgramPanels programs() {
        return programs;
    }

    public InspectorPane inspector() {
        return inspector;
    }

    Dashboard dashboard() {
        return dashboard;
    }

    /** Model ▸ Program chain and the graph's cut menu, for tests. */
    ChainControls chain() {
        return chain;
    }

    TransitionTable transitionTable() {
        return transitionTable;
    }

    TransitionLegend transitionLegend() {
        return transitionLegend;
    }

    OverflowBanner banner() {
        return banner;
    }

    public StartPage startPage() {
        return startPage;
    }

    public StatusBar statusBar() {
        return status;
    }

    public WorkbenchToolbar toolbar() {
        return toolbar;
    }

    DesignController design() {
        return design;
    }

    /** Stops background work; a project or model write in flight is allowed to finish. */
    @Override
    public void close() {
        autosaveTimer.stop();
        evaluator.close();
        programs.close();
        work.close();
        saving.close();
    }
}
