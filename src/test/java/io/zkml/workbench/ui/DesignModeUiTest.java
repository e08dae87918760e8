package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.design.RetrainDialog;
import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import javafx.scene.Node;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Design mode on the real iris-tiny sample: add a layer, undo, redo, retrain and see the figures follow. */
@ExtendWith(ApplicationExtension.class)
class DesignModeUiTest extends HeadlessFx {

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchFixture.show(stage, Files.createTempDirectory("zkml-home"));
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void addUndoRedoThenRetrainUpdatesTheDashboard(FxRobot robot) {
        Node card = robot.lookup(".sample-card").queryAll().stream()
                .filter(b -> ((SampleModel) b.getUserData()).id().equals("iris-tiny")).findFirst().orElseThrow();
        robot.clickOn(card);
        waitFor("iris-tiny to open", () -> window.loadedProperty().get() != null);
        waitFor("first evaluation", () -> window.evaluatedProperty().get() != null && !window.evaluatingProperty().get());
        ModelGraph original = window.loadedProperty().get().graph();
        int originalNodes = original.nodes().size();

        robot.clickOn("#design");
        assertTrue(robot.lookup("#designPalette").tryQuery().isPresent(), "the palette shows in design mode");
        robot.clickOn(window.graphView().cards().get("layer0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#designUnits").tryQuery().isPresent(), "the inspector offers the layer's units");
        Spinner<Integer> units = robot.lookup("#paletteUnits").queryAs(Spinner.class);
        robot.interact(() -> units.getValueFactory().setValue(12));
        robot.clickOn("#addDense");
        waitFor("the added layer", () -> window.graphView().cards().size() == originalNodes + 1);
        assertTrue(window.graphView().cards().containsKey("dense0"));
        assertEquals(Format.NO_DATA, window.dashboard().text("quantMetric"), "figures describe the model file, not the design");

        robot.clickOn("#undo");
        waitFor("undo", () -> window.graphView().cards().size() == originalNodes);
        assertEquals(original, window.graphView().graph().orElseThrow());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor("redo", () -> window.graphView().cards().size() == originalNodes + 1);

        EvaluationSnapshot before = window.evaluatedProperty().get();
        robot.clickOn("#retrain");
        waitFor("retrain dialog", () -> window.design().dialog().isPresent()
                && window.design().dialog().get().stage().isShowing());
        RetrainDialog dialog = window.design().dialog().get();
        robot.interact(() -> {
            robot.lookup("#retrainEpochs").queryAs(Spinner.class).getValueFactory().setValue(5);
            robot.lookup("#retrainLearningRate").queryAs(TextField.class).setText("0.05");
        });
        robot.clickOn("#retrainStart");
        waitFor("the retrained model to open", () -> {
            ModelGraph g = window.loadedProperty().get().graph();
            return g.nodes().size() == originalNodes + 1 && g.indexOf("dense0") >= 0;
        });
        assertEquals(5, dialog.lossSeries().getData().size(), "one loss point per epoch");
        waitFor("the dashboard to update", () -> window.evaluatedProperty().get() != null
                && window.evaluatedProperty().get() != before && !window.evaluatingProperty().get());
        // The snapshot is published just before the dashboard is filled on the FX thread.
        WaitForAsyncUtils.waitForFxEvents();
        ModelGraph retrained = window.loadedProperty().get().graph();
        assertEquals(12, ((LayerOp.Dense) retrained.node("dense0").op()).nOut());
        assertTrue(window.dashboard().text("quantMetric").endsWith("%"), window.dashboard().text("quantMetric") + " / " + window.dashboard().text("floatMetric") + " / " + window.statusBar().message() + " / edited " + window.design().isEdited());
        assertFalse(window.design().isEdited(), "the retrained model is the new starting point");
        assertNotEquals(original.parameterCount(), retrained.parameterCount());
        assertFalse(robot.lookup("#retrainRevert").queryButton().isDisabled(), "revert is offered afterwards");
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
