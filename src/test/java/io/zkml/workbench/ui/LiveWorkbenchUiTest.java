package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.inspector.QuantizationPanel;
import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.QuantSpec;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench on the real bundled samples: import, live re-evaluation, overflow, projects, autosave. */
@ExtendWith(ApplicationExtension.class)
class LiveWorkbenchUiTest extends HeadlessFx {

    @TempDir
    Path dir;

    private MainWindow window;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("zkml-home");
        window = WorkbenchFixture.show(stage, home);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void irisTinyFromTheGalleryIsEvaluatedAndAnInspectorChangeMovesBadgesAndAccuracy(FxRobot robot) {
        ModelGraph g = openSampleCard(robot, "iris-tiny");
        assertEquals(g.nodes().stream().map(n -> n.name()).toList(), window.graphView().cards().keySet().stream().toList());
        assertEquals(3, robot.lookup(".node-card").queryAll().size(), "input, layer0, layer1");
        waitFor("first evaluation", () -> window.evaluatedProperty().get() != null);
        assertEquals("100.00%", window.dashboard().text("floatMetric"));
        String accuracyBefore = window.dashboard().text("quantMetric");
        Map<String, String> badgesBefore = badges();
        assertFalse(badgesBefore.containsValue(Format.NO_DATA), "every node has an error badge: " + badgesBefore);

        select(robot, "layer0");
        assertTrue(robot.lookup("#errMax").tryQuery().isPresent(), "live figures for the layer");
        assertTrue(robot.lookup("#errorHistogram").tryQuery().isPresent());
        assertTrue(robot.lookup("#activationRange").tryQuery().isPresent());
        EvaluationSnapshot before = window.evaluatedProperty().get();
        Spinner<Integer> act = robot.lookup("#activationFracBits").queryAs(Spinner.class);
        // Rapid changes coalesce; only the last one must show.
        robot.interact(() -> {
            for (int f = 9; f >= -4; f--) {
                act.getValueFactory().setValue(f);
            }
        });
        waitForNewEvaluation(before);

        EvaluationSnapshot after = window.evaluatedProperty().get();
        assertEquals(-4, after.spec().layer("layer0").activationFracBits(), "the latest value won");
        assertNotEquals(badgesBefore.get("layer0"), badges().get("layer0"));
        assertNotEquals(badgesBefore.get("layer1"), badges().get("layer1"), "the change propagates downstream");
        assertNotEquals(accuracyBefore, window.dashboard().text("quantMetric"));
        assertTrue(window.dirtyProperty().get());
        assertTrue(window.titleBinding().get().startsWith("*"), window.titleBinding().get());
    }

    @Test
    void hiddenInspectorChartsCatchUpWhenShownRatherThanOnEveryEvaluation(FxRobot robot) {
        openSampleCard(robot, "iris-tiny");
        waitFor("first evaluation", () -> window.evaluatedProperty().get() != null);
        select(robot, "layer0");
        QuantizationPanel panel = window.inspector().quantization();
        javafx.scene.chart.BarChart<?, ?> chart = robot.lookup("#errorHistogram").queryAs(javafx.scene.chart.BarChart.class);
        Object shown = chart.getData().get(0);

        robot.interact(() -> window.programs().showCode());
        EvaluationSnapshot before = window.evaluatedProperty().get();
        QuantSpec narrow = window.spec().withLayer("layer0", window.spec().layer("layer0")
                .withActivationFracBits(window.spec().layer("layer0").activationFracBits() - 3));
        robot.interact(() -> window.editSpec(narrow));
        waitForNewEvaluation(before);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(panel.chartsStale(), "the hidden inspector's charts wait");
        assertEquals(shown, chart.getData().get(0), "and were not rebuilt");

        robot.interact(() -> window.programs().tabs().getSelectionModel().select(0));
        assertFalse(panel.chartsStale(), "shown, they catch up");
        assertNotEquals(shown, chart.getData().get(0));
    }

    @Test
    void digitsCnnOpensWithOneCardPerNode(FxRobot robot) {
        ModelGraph g = openSampleCard(robot, "digits-cnn");
        assertEquals(6, g.nodes().size());
        assertEquals(g.nodes().size(), robot.lookup(".node-card").queryAll().size());
        assertTrue(window.graphView().cards().containsKey("conv"));
        waitFor("evaluation", () -> window.evaluatedProperty().get() != null);
        assertTrue(window.dashboard().text("quantMetric").endsWith("%"));
        assertEquals("None", window.dashboard().text("overflowStatus"));

        // A name the model lacks (--select dense on the wrong sample) selects nothing and says so; the
        // next evaluation must not fail on a selected node that does not exist.
        robot.interact(() -> window.selectNode("dense"));
        assertNull(window.graphView().selection().primary());
        assertTrue(window.statusBar().message().startsWith("No node named dense; this model's nodes: pixels, conv_reshape, conv"),
                window.statusBar().message());
        robot.interact(() -> window.selectNode("conv"));
        assertEquals("conv", window.graphView().selection().primary());

        // Selecting a node by name pans the graph to it: zoomed in until the output layer is out of view.
        robot.interact(() -> window.graphView().zoomAt(2, 0, 0));
        assertFalse(inGraphView("output"), "zoomed in, the output layer is out of view");
        robot.interact(() -> window.selectNode("output"));
        assertTrue(inGraphView("output"), "selected by name, it is brought into view");
    }

    /** Whether node {@code name}'s card lies wholly inside the graph view. */
    private boolean inGraphView(String name) {
        Node card = window.graphView().cards().get(name);
        Node view = window.graphView();
        return view.localToScene(view.getBoundsInLocal()).contains(card.localToScene(card.getBoundsInLocal()));
    }

    @Test
    void aTooNarrowDomainShowsTheOverflowBannerWithLayerAndNeuron(FxRobot robot) {
        openSampleCard(robot, "iris-tiny");
        waitFor("evaluation", () -> window.evaluatedProperty().get() != null);
        assertFalse(window.banner().isVisible());
        select(robot, "layer0");
        EvaluationSnapshot before = window.evaluatedProperty().get();
        ComboBox<Domain> domain = robot.lookup("#domain").queryAs(ComboBox.class);
        robot.interact(() -> domain.setValue(Domain.I8));
        waitForNewEvaluation(before);

        assertTrue(window.banner().isVisible());
        assertTrue(window.banner().titleText().contains("overflow"), window.banner().titleText());
        assertTrue(window.banner().lineTexts().get(0).startsWith("layer layer0, "), window.banner().lineTexts().toString());
        assertNotEquals("None", window.dashboard().text("overflowStatus"));
    }

    @Test
    void aSavedProjectReopensWithTheSameSpecAndSelection(FxRobot robot) {
        openSampleCard(robot, "iris-tiny");
        waitFor("evaluation", () -> window.evaluatedProperty().get() != null);
        select(robot, "layer1");
        EvaluationSnapshot before = window.evaluatedProperty().get();
        Spinner<Integer> w = robot.lookup("#weightFracBits").queryAs(Spinner.class);
        robot.interact(() -> w.getValueFactory().setValue(6));
        waitForNewEvaluation(before);
        QuantSpec edited = window.spec();

        Path file = dir.resolve("iris" + ProjectStore.EXTENSION);
        assertTrue(saved(robot, () -> window.saveAs(file)));
        assertFalse(window.dirtyProperty().get());
        assertEquals("iris.zkwb — zkML Workbench", window.titleBinding().get());

        robot.interact(() -> {
            window.showStart();
            window.openProject(file);
        });
        waitFor("project reopened", () -> window.evaluatedProperty().get() != null
                && window.projectFileProperty().get() != null && edited.equals(window.evaluatedProperty().get().spec()));
        assertEquals(edited, window.spec());
        assertEquals("layer1", window.graphView().selection().primary());
        assertFalse(window.dirtyProperty().get());
    }

    @Test
    void aProjectWhoseModelIsMissingSaysSoAndOffersToLocateIt(FxRobot robot) throws Exception {
        Path model = copyIrisTiny();
        Path file = saveProjectFor(robot, model);
        Files.delete(model);

        robot.interact(() -> window.openProject(file));
        waitFor("missing-model dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("The project's model is missing", pane.getHeaderText());
        assertTrue(pane.getContentText().startsWith("the project's model " + model.toAbsolutePath()
                + " is missing; locate it"), pane.getContentText());
        assertTrue(robot.lookup("Locate model…").tryQuery().isPresent());
        robot.interact(() -> pane.getScene().getWindow().hide());
    }

    @Test
    void aProjectWhoseModelChangedOpensWithAWarning(FxRobot robot) throws Exception {
        Path model = copyIrisTiny();
        Path file = saveProjectFor(robot, model);
        Files.copy(Path.of("sample-models/iris-mlp.zip"), model, StandardCopyOption.REPLACE_EXISTING);

        robot.interact(() -> window.openProject(file));
        waitFor("warning dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("The project opened with a warning", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("has changed since this project was saved"), pane.getContentText());
        robot.interact(() -> pane.getScene().getWindow().hide());
        assertTrue(window.loadedProperty().get() != null, "the project opened anyway");
        assertTrue(window.dirtyProperty().get(), "saving records the new model's hash");
    }

    @Test
    void unsavedWorkIsAutosavedAndOfferedForRecovery(FxRobot robot) throws Exception {
        Path model = copyIrisTiny();
        robot.interact(() -> window.open(new ModelRequest.File(model)));
        waitFor("evaluation", () -> window.evaluatedProperty().get() != null);
        select(robot, "layer0");
        EvaluationSnapshot before = window.evaluatedProperty().get();
        Spinner<Integer> act = robot.lookup("#activationFracBits").queryAs(Spinner.class);
        robot.interact(() -> act.getValueFactory().setValue(5));
        waitForNewEvaluation(before);
        QuantSpec edited = window.spec();

        Path written = saved(robot, window::autosaveNow).orElseThrow();
        assertTrue(Files.isRegularFile(written));
        assertTrue(written.startsWith(home.resolve("autosave")), written.toString());

        // An autosave left by an earlier session, beside this session's own.
        Path earlier = Files.copy(written, written.resolveSibling("wine-mlp-0123abcd" + written.getFileName().toString()
                .substring(written.getFileName().toString().indexOf(ProjectStore.EXTENSION))));
        Files.setLastModifiedTime(earlier, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));

        robot.interact(window::showStart);
        assertEquals(1, robot.lookup(".recovery-offer").queryAll().size(), "one banner, however many autosaves");
        Node offer = robot.lookup(".recovery-offer").query();
        java.util.List<String> lines = robot.from(offer).lookup(".label").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertTrue(lines.stream().anyMatch(t -> t.startsWith("iris-tiny: unsaved changes from this session")), lines.toString());
        assertTrue(lines.stream().anyMatch(t -> t.startsWith("wine-mlp: changes never saved before the workbench last closed")),
                lines.toString());
        javafx.scene.control.Button recoverOwn = robot.from(offer).lookup("Recover").queryAllAs(javafx.scene.control.Button.class)
                .stream().filter(b -> written.equals(b.getUserData())).findFirst().orElseThrow();
        robot.clickOn(recoverOwn);
        waitFor("recovered", () -> window.evaluatedProperty().get() != null
                && edited.equals(window.evaluatedProperty().get().spec()));
        assertTrue(window.dirtyProperty().get(), "recovered work is unsaved until the user saves it");

        robot.interact(window::showStart);
        robot.clickOn("#dismissRecovery");
        assertTrue(robot.lookup(".recovery-offer").tryQuery().isEmpty(), "the banner can be dismissed");
        robot.interact(window::showStart);
        assertTrue(robot.lookup(".recovery-offer").tryQuery().isEmpty(), "and stays away for this session");
        assertTrue(Files.isRegularFile(earlier), "dismissing keeps the autosave for the next start");
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Starts a save on the FX thread and waits for its write (on the save thread) to finish. */
    static <T> T saved(FxRobot robot, java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> save) {
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<T>[] f = new java.util.concurrent.CompletableFuture[1];
        robot.interact(() -> f[0] = save.get());
        try {
            T result = f[0].get(30, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return result;
        } catch (Exception e) {
            throw new AssertionError("the save did not finish", e);
        }
    }

    /** A copy with its test split beside it, as in sample-models/, so it opens with a dataset. */
    private Path copyIrisTiny() throws java.io.IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("sample-models/data/iris-tiny-test.csv"), dir.resolve("data/iris-tiny-test.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        return Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("iris-tiny.zip"));
    }

    private Path saveProjectFor(FxRobot robot, Path model) {
        robot.interact(() -> window.open(new ModelRequest.File(model)));
        waitFor("evaluation", () -> window.evaluatedProperty().get() != null);
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        assertTrue(saved(robot, () -> window.saveAs(file)));
        robot.interact(window::showStart);
        return file;
    }

    private ModelGraph openSampleCard(FxRobot robot, String id) {
        Node card = robot.lookup(".sample-card").queryAll().stream()
                .filter(b -> ((SampleModel) b.getUserData()).id().equals(id)).findFirst().orElseThrow();
        robot.clickOn(card);
        waitFor(id + " to open", () -> window.loadedProperty().get() != null);
        return window.loadedProperty().get().graph();
    }

    private void select(FxRobot robot, String node) {
        robot.clickOn(window.graphView().cards().get(node));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(node, window.graphView().selection().primary());
    }

    private Map<String, String> badges() {
        return window.graphView().cards().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().errorBadgeText()));
    }

    private void waitForNewEvaluation(EvaluationSnapshot before) {
        waitFor("re-evaluation", () -> window.evaluatedProperty().get() != before && !window.evaluatingProperty().get());
    }

    private void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not happen; status: " + window.statusBar().message(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
