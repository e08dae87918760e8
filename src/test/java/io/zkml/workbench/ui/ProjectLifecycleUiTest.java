package io.zkml.workbench.ui;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.project.OpenedProject;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.quant.QuantSpec;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project's life in the real window on iris-tiny: the dirty marker, the close prompt, saving off
 * the FX thread, design edits kept in the .zkwb, and "Save model as" for a retrained model.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectLifecycleUiTest extends HeadlessFx {

    private static final String TITLE = " — zkML Workbench";

    @TempDir
    Path dir;

    private MainWindow window;
    private Stage stage;
    private final ProjectStore store = new ProjectStore();

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchFixture.show(stage, Files.createTempDirectory("zkml-home"));
        window.guard(stage);
        this.stage = stage;
    }

    @Stop
    void stop() {
        window.close();
    }

    // ---- dirty marker and close prompt ----------------------------------------------------

    @Test
    void theTitleMarksUnsavedChangesUntilTheSaveHasBeenWritten(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        assertEquals("iris-tiny (unsaved project)" + TITLE, stage.getTitle());
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(file)));
        assertEquals("p.zkwb" + TITLE, stage.getTitle());

        editWeightBits(robot, 6);
        assertEquals("*p.zkwb" + TITLE, stage.getTitle(), "the stage title shows the dirty marker");

        // The write happens on the save thread: when saveAs returns it has not finished, so the
        // marker stays; a change made while it is under way keeps the project dirty afterwards.
        QuantSpec saving = window.spec();
        @SuppressWarnings("unchecked")
        CompletableFuture<Boolean>[] f = new CompletableFuture[1];
        boolean[] doneAtReturn = new boolean[1];
        robot.interact(() -> {
            f[0] = window.saveAs(file);
            doneAtReturn[0] = f[0].isDone();
            assertTrue(window.dirtyProperty().get(), "still dirty until the file is written");
            window.editSpec(saving.withInput(saving.inputFracBits() + 1, saving.inputBits()));
        });
        assertFalse(doneAtReturn[0], "saveAs returns before the write has finished");
        assertTrue(f[0].get(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(saving, store.load(file).project().quant(), "the state at the moment of saving was written");
        assertTrue(window.dirtyProperty().get(), "the change made during the save is still unsaved");
        assertEquals("*p.zkwb" + TITLE, stage.getTitle());

        assertTrue(LiveWorkbenchUiTest.saved(robot, window::save));
        assertEquals("p.zkwb" + TITLE, stage.getTitle());
        assertNoTemporaryFiles();
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindowOpen(FxRobot robot) throws Exception {
        Path file = dirtyProject(robot);
        String onDisk = Files.readString(file);

        DialogPane prompt = requestClose(robot);
        assertEquals("Save changes before closing?", prompt.getHeaderText());
        assertTrue(prompt.getContentText().contains("p.zkwb"), prompt.getContentText());
        assertTrue(robot.from(prompt).lookup("Save").tryQuery().isPresent());
        assertTrue(robot.from(prompt).lookup("Don't save").tryQuery().isPresent());

        robot.clickOn(robot.from(prompt).lookup("Cancel").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "Cancel keeps the window open");
        assertTrue(window.dirtyProperty().get());
        assertEquals(onDisk, Files.readString(file), "nothing was written");
    }

    @Test
    void dontSaveClosesWithoutWritingAndDropsTheAutosave(FxRobot robot) throws Exception {
        Path file = dirtyProject(robot);
        String onDisk = Files.readString(file);
        Path autosaved = LiveWorkbenchUiTest.saved(robot, window::autosaveNow).orElseThrow();
        assertTrue(Files.isRegularFile(autosaved));

        DialogPane prompt = requestClose(robot);
        robot.clickOn(robot.from(prompt).lookup("Don't save").queryButton());
        waitFor("the window to close", () -> !stage.isShowing());
        assertEquals(onDisk, Files.readString(file), "the project file is untouched");
        waitFor("the autosave to be discarded", () -> !Files.exists(autosaved));
    }

    @Test
    void saveWritesTheProjectThenCloses(FxRobot robot) throws Exception {
        Path file = dirtyProject(robot);
        QuantSpec edited = window.spec();

        DialogPane prompt = requestClose(robot);
        robot.clickOn(robot.from(prompt).lookup("Save").queryButton());
        waitFor("the window to close", () -> !stage.isShowing());
        assertEquals(edited, store.load(file).project().quant(), "the changes were saved before closing");
        assertFalse(window.dirtyProperty().get());
        assertNoTemporaryFiles();
    }

    @Test
    void aCleanWindowClosesWithoutAsking(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(dir.resolve("p" + ProjectStore.EXTENSION))));
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no prompt without changes");
    }

    @Test
    void aFailedSaveSaysWhyAndKeepsTheChanges(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        editWeightBits(robot, 6);
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertFalse(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(blocker.resolve("p" + ProjectStore.EXTENSION))));
        assertTrue(window.statusBar().message().startsWith("Could not save: "), window.statusBar().message());
        assertTrue(window.dirtyProperty().get());
        DialogPane error = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Could not save the project", error.getHeaderText());
        robot.interact(() -> error.getScene().getWindow().hide());
    }

    // ---- design edits and retrained models in the project ---------------------------------

    @Test
    void unretrainedDesignEditsAreSavedAndReopenAsUndoableEdits(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        int originalNodes = window.loadedProperty().get().graph().nodes().size();
        robot.clickOn("#design");
        addDenseAfter(robot, "layer0", 12);
        robot.clickOn("Tanh");
        waitFor("the activation layer", () -> window.graphView().cards().containsKey("act0"));
        assertTrue(window.dirtyProperty().get(), "design edits are project changes");

        Path file = dir.resolve("designed" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(file)));
        String json = Files.readString(file);
        assertTrue(json.contains("\"version\" : 2"), json);
        assertTrue(json.contains("\"op\" : \"ADD_DENSE\""), json);
        assertTrue(json.contains("\"op\" : \"ADD_ACTIVATION\""), json);

        robot.interact(() -> {
            window.design().activeProperty().set(false);
            window.showStart();
            window.openProject(file);
        });
        waitFor("the edited graph to be shown again", () -> window.graphView().cards().containsKey("act0")
                && window.projectFileProperty().get() != null);
        ModelGraph g = window.graphView().graph().orElseThrow();
        assertEquals(originalNodes + 2, g.nodes().size());
        assertEquals(12, ((LayerOp.Dense) g.node("dense0").op()).nOut());
        assertEquals(Activation.TANH, ((LayerOp.Act) g.node("act0").op()).activation());
        assertTrue(window.design().activeProperty().get(), "design mode is back on with the edits");
        assertTrue(window.design().isEdited());
        assertFalse(window.dirtyProperty().get(), "a reopened project has no unsaved changes");

        robot.clickOn("#undo");
        waitFor("undo of the reopened edit", () -> !window.graphView().cards().containsKey("act0"));
        assertTrue(window.graphView().cards().containsKey("dense0"), "each saved edit is its own undo step");
    }

    @Test
    void aRetrainedModelIsKeptWithTheProjectAndCanBeSavedElsewhere(FxRobot robot) throws Exception {
        Path original = openIrisTinyCopy(robot);
        robot.clickOn("#design");
        addDenseAfter(robot, "layer0", 10);
        retrain(robot);
        Path temporary = window.currentProject().orElseThrow().model();
        assertFalse(temporary.startsWith(dir), "retraining writes to a temp folder: " + temporary);
        long retrainedParameters = window.loadedProperty().get().graph().parameterCount();

        // Saving the project keeps the retrained model beside it and points the project there.
        Path file = dir.resolve("retrained" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(file)));
        Path kept = dir.resolve("retrained-models/iris-tiny.zip");
        assertTrue(Files.isRegularFile(kept));
        assertEquals(FileHashes.sha256(temporary), FileHashes.sha256(kept));
        assertEquals(kept, window.currentProject().orElseThrow().model());
        String json = Files.readString(file);
        assertTrue(json.contains("\"path\" : \"retrained-models/iris-tiny.zip\""), json);
        assertTrue(json.contains("\"trainedFrom\" : \"iris-tiny.zip\""), "retraining again uses the original's "
                + "training split: " + json);
        assertFalse(window.dirtyProperty().get());

        // Save model as: the chooser is bypassed; the zip is written atomically and the project follows it.
        Path chosen = dir.resolve("models/my-iris.zip");
        Files.createDirectories(chosen.getParent());
        javafx.scene.control.Button button = robot.lookup("#saveModel").queryButton();
        assertTrue(button.isVisible() && !button.isDisabled(), "the design toolbar offers Save model as");
        assertTrue(window.toolbar().saveModelAs.getParentMenu() != null
                && "menuFile".equals(window.toolbar().saveModelAs.getParentMenu().getId()), "so does the File menu");
        assertFalse(window.toolbar().saveModelAs.isDisable());
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveModelAs(chosen)));
        assertEquals(FileHashes.sha256(kept), FileHashes.sha256(chosen));
        assertEquals(chosen, window.currentProject().orElseThrow().model());
        assertTrue(window.dirtyProperty().get(), "the project now refers to another model file");
        try (Stream<Path> files = Files.list(chosen.getParent())) {
            assertEquals(List.of(chosen), files.toList(), "no temporary file is left behind");
        }
        ModelGraph written = new ModelImporter().importModel(chosen);
        assertEquals(10, ((LayerOp.Dense) written.node("dense0").op()).nOut());
        assertTrue(window.statusBar().message().startsWith("Saved the model as "), window.statusBar().message());

        assertTrue(LiveWorkbenchUiTest.saved(robot, window::save));
        OpenedProject back = store.load(file);
        assertEquals(chosen, back.project().model());
        assertEquals(original, back.project().design().trainedFrom());

        robot.interact(() -> {
            window.showStart();
            window.openProject(file);
        });
        waitFor("the retrained model to reopen", () -> window.evaluatedProperty().get() != null
                && window.loadedProperty().get() != null && window.loadedProperty().get().graph().indexOf("dense0") >= 0);
        assertEquals(retrainedParameters, window.loadedProperty().get().graph().parameterCount());
        assertFalse(window.design().isEdited(), "the retrained model is the project's model, not an edit");
        assertFalse(window.dirtyProperty().get());
    }

    // ---- helpers --------------------------------------------------------------------------

    /** iris-tiny with its test and training splits beside it, as in sample-models/. */
    @Test
    void aReopenedProjectBringsItsSelectedNodeIntoView(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        java.util.List<io.zkml.workbench.graph.Node> nodes = window.loadedProperty().get().graph().nodes();
        String last = nodes.get(nodes.size() - 1).name();
        robot.interact(() -> {
            window.graphView().zoomAt(3, 0, 0);
            window.selectNode(last);
        });
        Path file = dir.resolve("selected" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(file)));

        robot.interact(() -> {
            window.showStart();
            window.openProject(file);
        });
        waitFor("the project to be open with its selection", () -> window.projectFileProperty().get() != null
                && last.equals(window.graphView().selection().primary()));
        WaitForAsyncUtils.waitForFxEvents();
        // Its centre: the card grows by a row once the program's figures arrive, after the view was panned.
        javafx.scene.Node card = window.graphView().cards().get(last);
        javafx.geometry.Bounds c = card.localToScene(card.getBoundsInLocal());
        javafx.geometry.Bounds v = window.graphView().localToScene(window.graphView().getBoundsInLocal());
        assertTrue(v.contains(c.getCenterX(), c.getCenterY()), "the selected " + last + " is in view at the saved zoom: "
                + c + " in " + v);
    }

    private Path openIrisTinyCopy(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        for (String split : new String[] {"test", "train"}) {
            Files.copy(Path.of("sample-models/data/iris-tiny-" + split + ".csv"),
                    dir.resolve("data/iris-tiny-" + split + ".csv"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path model = Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("iris-tiny.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> window.open(new ModelRequest.File(model)));
        waitFor("iris-tiny to be evaluated", () -> window.evaluatedProperty().get() != null
                && !window.evaluatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return model.toAbsolutePath().normalize();
    }

    /** A saved project with an unsaved change. */
    private Path dirtyProject(FxRobot robot) throws Exception {
        openIrisTinyCopy(robot);
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> window.saveAs(file)));
        editWeightBits(robot, 5);
        assertTrue(window.dirtyProperty().get());
        return file;
    }

    private void editWeightBits(FxRobot robot, int bits) {
        robot.clickOn(window.graphView().cards().get("layer1"));
        WaitForAsyncUtils.waitForFxEvents();
        EvaluationSnapshot before = window.evaluatedProperty().get();
        Spinner<Integer> w = robot.lookup("#weightFracBits").queryAs(Spinner.class);
        robot.interact(() -> w.getValueFactory().setValue(bits));
        waitFor("the re-evaluation", () -> window.evaluatedProperty().get() != before && !window.evaluatingProperty().get());
        assertNotEquals(before.spec(), window.spec());
    }

    /** Asks the stage to close, as the window's close button does, and returns the prompt. */
    private DialogPane requestClose(FxRobot robot) {
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor("the close prompt", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertTrue(stage.isShowing(), "the window waits for the answer");
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private void addDenseAfter(FxRobot robot, String node, int units) {
        int before = window.graphView().cards().size();
        robot.clickOn(window.graphView().cards().get(node));
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<Integer> spinner = robot.lookup("#paletteUnits").queryAs(Spinner.class);
        robot.interact(() -> spinner.getValueFactory().setValue(units));
        robot.clickOn("#addDense");
        waitFor("the added layer", () -> window.graphView().cards().size() == before + 1);
    }

    private void retrain(FxRobot robot) {
        int nodes = window.graphView().cards().size();
        robot.clickOn("#retrain");
        waitFor("retrain dialog", () -> window.design().dialog().isPresent()
                && window.design().dialog().get().stage().isShowing());
        robot.interact(() -> {
            robot.lookup("#retrainEpochs").queryAs(Spinner.class).getValueFactory().setValue(3);
            robot.lookup("#retrainLearningRate").queryAs(TextField.class).setText("0.05");
        });
        robot.clickOn("#retrainStart");
        waitFor("the retrained model to open and be evaluated", () -> window.loadedProperty().get() != null
                && window.loadedProperty().get().graph().nodes().size() == nodes && !window.design().isEdited()
                && window.evaluatedProperty().get() != null && !window.evaluatingProperty().get()
                && window.currentProject().map(p -> !p.model().startsWith(dir)).orElse(false));
        robot.interact(() -> window.design().dialog().get().stage().hide());
    }

    private void assertNoTemporaryFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tmp = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), tmp.toString());
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
