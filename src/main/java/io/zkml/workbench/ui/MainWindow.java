package io.zkml.workbench.ui;

import io.zkml.workbench.graph.ModelGraph;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.SetChangeListener;
import javafx.concurrent.Task;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.Locale;

/**
 * The workbench window's content: toolbar, start page or graph editor with inspector, and the
 * status bar. Model loading goes through the {@link ModelLoader} it was built with, so the real
 * importer plugs in without UI changes.
 */
public final class MainWindow extends BorderPane implements AutoCloseable {

    private final ModelLoader loader;
    private final Appearance appearance;
    private final WorkbenchToolbar toolbar = new WorkbenchToolbar();
    private final StartPage startPage;
    private final GraphView graphView = new GraphView();
    private final InspectorPane inspector = new InspectorPane();
    private final SplitPane editor = new SplitPane(graphView, inspector);
    private final StatusBar status = new StatusBar();
    private final BackgroundWork work;
    private final ReadOnlyObjectWrapper<LoadedModel> loaded = new ReadOnlyObjectWrapper<>(this, "loaded");
    private LayoutDirection direction = LayoutDirection.TOP_TO_BOTTOM;

    public MainWindow(ModelLoader loader, NodeMetricsProvider metrics, SampleGalleryModel samples,
                      Appearance appearance) {
        this.loader = loader;
        this.appearance = appearance;
        this.work = new BackgroundWork(status, this::window);
        getStyleClass().add("workbench");
        startPage = new StartPage(samples, s -> open(new ModelRequest.Sample(s)), this::chooseFile);
        graphView.metricsProviderProperty().set(metrics);

        editor.getStyleClass().add("editor");
        inspector.setMinWidth(320);
        inspector.setPrefWidth(420);
        SplitPane.setResizableWithParent(inspector, false);
        editor.setDividerPositions(0.72);

        setTop(toolbar);
        setCenter(startPage);
        setBottom(status);
        wireToolbar();
        wireInspector();
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (getCenter() == editor) {
                graphView.handleZoomKey(e);
            }
        });
        showStart();
    }

    private void wireToolbar() {
        toolbar.home.setOnAction(e -> showStart());
        toolbar.openModel.setOnAction(e -> chooseFile());
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
                status.setMessage("No cost figures yet: the heat map fills in once the cost model has run");
            }
        });
        toolbar.fontLarger.setOnAction(e -> appearance.larger());
        toolbar.fontSmaller.setOnAction(e -> appearance.smaller());
        toolbar.theme.selectedProperty().bindBidirectional(appearance.darkProperty());
    }

    private void wireInspector() {
        GraphSelection sel = graphView.selection();
        sel.selected().addListener((SetChangeListener<String>) c -> updateInspector());
        sel.primaryProperty().addListener(o -> updateInspector());
        graphView.metricsProviderProperty().addListener(o -> updateInspector());
    }

    private void updateInspector() {
        ModelGraph g = graphView.graph().orElse(null);
        String primary = graphView.selection().primary();
        inspector.show(g, graphView.selection().selected(), primary,
                g == null || primary == null ? java.util.Optional.empty() : graphView.metricsFor(g.node(primary)));
    }

    // ---- actions -------------------------------------------------------------------------

    public void showStart() {
        setCenter(startPage);
        toolbar.setGraphControlsEnabled(false);
        status.setSummary("");
    }

    public void showEditor() {
        setCenter(editor);
        toolbar.setGraphControlsEnabled(true);
    }

    /** Loads and lays out a model in the background, then shows it in the editor. */
    public Task<LoadedModel> open(ModelRequest request) {
        LayoutDirection dir = direction;
        Task<LoadedModel> task = new Task<>() {
            @Override
            protected LoadedModel call() throws Exception {
                updateMessage("Opening " + request.label() + "…");
                updateProgress(-1, 1);
                ModelGraph graph = loader.load(request);
                if (isCancelled()) {
                    return null;
                }
                updateMessage("Laying out " + graph.nodes().size() + " nodes…");
                updateProgress(0.8, 1);
                return new LoadedModel(graph, newLayout().layout(graph, dir));
            }
        };
        return work.run(task, "Could not open " + request.label(), this::show);
    }

    private static LayeredLayout newLayout() {
        return new LayeredLayout(NodeCard.WIDTH, NodeCard.HEIGHT);
    }

    private void show(LoadedModel model) {
        showEditor();
        graphView.show(model.graph(), model.layout());
        ModelGraph g = model.graph();
        status.setMessage("Opened " + g.name());
        status.setSummary(g.name() + "  ·  " + g.nodes().size() + " nodes  ·  "
                + Format.count(g.parameterCount()) + " parameters");
        updateInspector();
        graphView.requestFocus();
        loaded.set(model);
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
                return newLayout().layout(g, newDirection);
            }
        };
        work.run(task, "Could not lay out " + g.name(), layout -> {
            direction = newDirection;
            toolbar.showDirection(direction);
            graphView.applyLayout(layout);
            graphView.fitToWindow();
            status.setMessage("Layout: " + newDirection.toString().toLowerCase(Locale.ROOT));
        });
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Deeplearning4j model (*.zip)", "*.zip"),
                new FileChooser.ExtensionFilter("Keras model (*.h5, *.keras)", "*.h5", "*.keras"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            open(new ModelRequest.File(f.toPath()));
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ---- for the app, the screenshot mode and tests --------------------------------------

    public ReadOnlyObjectProperty<LoadedModel> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public GraphView graphView() {
        return graphView;
    }

    public InspectorPane inspector() {
        return inspector;
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

    @Override
    public void close() {
        work.close();
    }
}
