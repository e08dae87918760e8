package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.HeatScale;
import io.zkml.workbench.ui.graph.NodeCard;
import io.zkml.workbench.ui.graph.NodeMetrics;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;

import io.zkml.workbench.graph.ModelGraph;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.project.SamplesFolder;
import io.zkml.workbench.io.WorkbenchHome;
import io.zkml.workbench.samples.SampleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest extends HeadlessFx {

    /** The branching test graph stands in for iris-mlp; everything else goes to the real loader. */
    private static final ModelLoader LOADER = request -> request instanceof ModelRequest.Sample s
            && s.sample().id().equals("iris-mlp") ? OpenedModel.graphOnly(TestGraphs.branchAndMerge())
            : new SessionLoader(SamplesFolder.fromSystem()).load(request);

    /** Figures for every node with parameters: constraints grow with parameter count. */
    private static final NodeMetricsProvider METRICS = (graph, node) -> {
        if (node.parameterCount() == 0) {
            return Optional.empty();
        }
        double share = (double) node.parameterCount() / graph.parameterCount();
        return Optional.of(NodeMetrics.of(node.parameterCount() * 100, share, share / 10));
    };

    private MainWindow window;

    @TempDir
    static Path home;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        window = new MainWindow(LOADER, METRICS, SampleGalleryModel.fromCatalog(), appearance,
                new WorkbenchHome(home));
        stage.setScene(WorkbenchApp.createScene(window, 1280, 800));
        stage.show();
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void startPageShowsOneCardPerSample(FxRobot robot) {
        List<javafx.scene.Node> cards = List.copyOf(robot.lookup(".sample-card").queryAll());
        assertEquals(10, cards.size());
        assertEquals(List.of("iris-mlp", "iris-tiny", "breast-cancer-mlp", "digits-cnn", "diabetes-regression",
                "wine-mlp", "fashion-mlp", "fashion-cnn", "iris-onnx", "digits-onnx"),
                cards.stream().map(b -> ((SampleModel) b.getUserData()).id()).toList());
        assertTrue(robot.lookup(SampleCatalog.get("digits-cnn").useCase()).tryQuery().isPresent());
        assertTrue(robot.lookup("810 parameters  ·  float test accuracy 97.21%").tryQuery().isPresent());
    }

    @Test
    void clickingASampleOpensItsGraphWithOneCardPerNodeAndEveryEdge(FxRobot robot) {
        ModelGraph g = openIrisCard(robot);

        assertEquals(6, g.nodes().size());
        assertEquals(6, robot.lookup(".node-card").queryAll().size());
        assertEquals(6, robot.lookup(".graph-edge").queryAll().size(), "4 chain edges + 2 into the merge");
        NodeCard merge = window.graphView().cards().get("merge");
        assertEquals("merge", merge.node().name());
        assertTrue(robot.from(merge).lookup("→ 8").tryQuery().isPresent(), "output shape on the card");
    }

    @Test
    void selectingANodeShowsItInTheInspectorAndKeysFollowEdges(FxRobot robot) {
        openIrisCard(robot);
        robot.clickOn(window.graphView().cards().get("merge"));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("merge", window.graphView().selection().primary());
        assertTrue(inspectorShows(robot, "Add"), "type as inspector title");
        assertTrue(inspectorShows(robot, "In: branch_left"), "input shapes listed");

        robot.press(KeyCode.CONTROL).clickOn(window.graphView().cards().get("dense_a")).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("merge", "dense_a"), Set.copyOf(window.graphView().selection().selected()));
        assertTrue(inspectorShows(robot, "W"), "parameter tensors of dense_a");

        robot.type(KeyCode.DOWN);
        assertTrue(Set.of("branch_left", "branch_right").contains(window.graphView().selection().primary()));
        robot.type(KeyCode.DOWN);
        assertEquals("merge", window.graphView().selection().primary());
        robot.type(KeyCode.DOWN);
        assertEquals("output", window.graphView().selection().primary());
        robot.type(KeyCode.UP);
        assertEquals("merge", window.graphView().selection().primary());
    }

    @Test
    void zoomButtonsAndKeysChangeTheScale(FxRobot robot) {
        openIrisCard(robot);
        double start = window.graphView().zoom();

        robot.clickOn("#zoomIn");
        double zoomedIn = window.graphView().zoom();
        assertTrue(zoomedIn > start, zoomedIn + " > " + start);
        robot.clickOn("#zoomOut").clickOn("#zoomOut");
        assertTrue(window.graphView().zoom() < zoomedIn);

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertEquals(1.0, window.graphView().zoom(), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        assertEquals(1 / GraphView.ZOOM_STEP, window.graphView().zoom(), 1e-9);
        robot.moveTo(window.graphView()).scroll(2, javafx.geometry.VerticalDirection.UP);
        assertNotEquals(1 / GraphView.ZOOM_STEP, window.graphView().zoom());
        assertEquals(String.format(java.util.Locale.US, "%.0f%%", window.graphView().zoom() * 100),
                robot.lookup("#zoomLabel").queryAs(Label.class).getText());
    }

    @Test
    void aTouchpadPinchZoomsAroundThePointer(FxRobot robot) {
        openIrisCard(robot);
        GraphView view = window.graphView();
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertEquals(1.0, view.zoom(), 1e-9);
        double px = view.getWidth() * 0.25;
        double py = view.getHeight() * 0.3;
        javafx.geometry.Point2D underPointer = view.graphPointAt(px, py);
        javafx.geometry.Point2D atCentre = view.graphPointAt(view.getWidth() / 2, view.getHeight() / 2);

        pinch(robot, view, px, py, 1.5);
        assertEquals(1.5, view.zoom(), 1e-9);
        javafx.geometry.Point2D after = view.graphPointAt(px, py);
        assertEquals(underPointer.getX(), after.getX(), 1e-3, "the point under the fingers stays put");
        assertEquals(underPointer.getY(), after.getY(), 1e-3);
        assertNotEquals(atCentre, view.graphPointAt(view.getWidth() / 2, view.getHeight() / 2),
                "it zoomed around the pointer, not the centre");
        assertEquals("150%", robot.lookup("#zoomLabel").queryAs(Label.class).getText());

        pinch(robot, view, px, py, 0.5);
        assertEquals(0.75, view.zoom(), 1e-9, "pinching in zooms out");
        pinch(robot, view, px, py, 1000);
        assertEquals(GraphView.MAX_ZOOM, view.zoom(), 1e-9, "a pinch stops at the same limits as the wheel");
    }

    @Test
    void keyboardZoomInOutResetAndFit(FxRobot robot) {
        openIrisCard(robot);
        GraphView view = window.graphView();
        robot.clickOn("#fit");
        double fit = view.zoom();

        robot.interact(view::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertEquals(fit * GraphView.ZOOM_STEP, view.zoom(), 1e-9, "Ctrl + (the = key, unshifted)");
        robot.press(KeyCode.CONTROL).type(KeyCode.ADD).release(KeyCode.CONTROL);
        assertEquals(fit * GraphView.ZOOM_STEP * GraphView.ZOOM_STEP, view.zoom(), 1e-9, "Ctrl + on the keypad");
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        assertEquals(fit * GraphView.ZOOM_STEP, view.zoom(), 1e-9, "Ctrl -");

        robot.type(KeyCode.F);
        assertEquals(fit, view.zoom(), 1e-9, "F fits the graph to the window again");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertEquals(1.0, view.zoom(), 1e-9, "Ctrl 0 is 100%");
        robot.press(KeyCode.CONTROL).type(KeyCode.SUBTRACT).release(KeyCode.CONTROL);
        assertEquals(1 / GraphView.ZOOM_STEP, view.zoom(), 1e-9, "Ctrl - on the keypad");
    }

    /** What a touchpad pinch delivers: a ZoomEvent at the pointer, in scene coordinates before dispatch. */
    private static void pinch(FxRobot robot, GraphView view, double x, double y, double factor) {
        javafx.geometry.Point2D scene = view.localToScene(x, y);
        javafx.geometry.Point2D screen = view.localToScreen(x, y);
        robot.interact(() -> javafx.event.Event.fireEvent(view, new javafx.scene.input.ZoomEvent(
                javafx.scene.input.ZoomEvent.ZOOM, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                false, false, false, false, false, false, factor, factor, null)));
    }

    @Test
    void heatMapColoursNodesFromTheMetricsProvider(FxRobot robot) {
        ModelGraph g = openIrisCard(robot);
        NodeCard input = window.graphView().cards().get("input");
        NodeCard output = window.graphView().cards().get("output");
        NodeCard branch = window.graphView().cards().get("branch_left");
        assertTrue(branch.heatColor().isEmpty(), "no colour before the toggle");
        assertTrue(robot.from(branch).lookup("7.2k").tryQuery().isPresent(), "constraint badge: 72 params × 100");

        robot.clickOn("#heatMap");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(input.heatColor().isEmpty(), "input has no metrics, so it keeps the theme colour");
        Color hottest = branch.heatColor().orElseThrow();
        Color coolest = output.heatColor().orElseThrow();
        assertEquals(HeatScale.color(1.0), hottest, "the branches have the most parameters");
        long outParams = g.node("output").parameterCount();
        assertEquals(HeatScale.color((double) outParams / g.node("branch_left").parameterCount()), coolest);
        assertEquals(hottest, backgroundOf(branch), "the card is painted with its heat colour");

        robot.clickOn("#heatMap");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(branch.heatColor().isEmpty());
        assertNotEquals(hottest, backgroundOf(branch));
    }

    @Test
    void aFailedLoadExplainsItselfInsteadOfShowingOnlyATrace(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(new ModelRequest.File(Path.of("model.zip"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.statusBar().message().startsWith("Could not"));
        WaitForAsyncUtils.waitForFxEvents();

        String importerSays;
        try {
            new ModelImporter().importModel(Path.of("model.zip"));
            throw new AssertionError("model.zip should not exist");
        } catch (ModelImportException e) {
            importerSays = e.getMessage();
        }
        assertTrue(window.statusBar().message().endsWith(importerSays), window.statusBar().message());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane")
                .queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Could not open model.zip", pane.getHeaderText());
        assertEquals(importerSays, pane.getContentText(), "the importer's own words, not a wrapper's");
        assertTrue(pane.getExpandableContent() != null, "stack trace behind Show Details");
        assertFalse(pane.isExpanded(), "details start collapsed");
        robot.interact(() -> pane.getScene().getWindow().hide());
    }

    private ModelGraph openIrisCard(FxRobot robot) {
        javafx.scene.Node card = robot.lookup(".sample-card").queryAll().stream()
                .filter(b -> ((SampleModel) b.getUserData()).id().equals("iris-mlp")).findFirst().orElseThrow();
        robot.clickOn(card);
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.loadedProperty().get() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("graph did not open; status: " + window.statusBar().message(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return window.loadedProperty().get().graph();
    }

    private boolean inspectorShows(FxRobot robot, String text) {
        return robot.from(window.inspector()).lookup((Label l) -> text.equals(l.getText())).tryQuery().isPresent();
    }

    /**
     * The card's painted background. Its style is applied in the next pulse's CSS pass, which a loaded
     * machine may not have run by the time the FX events are drained (a flaky failure seen under load),
     * so the CSS is applied here, on the FX thread, before the background is read.
     */
    private static Color backgroundOf(NodeCard card) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                card.applyCss();
                BackgroundFill fill = card.getBackground().getFills().get(0);
                return (Color) fill.getFill();
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
