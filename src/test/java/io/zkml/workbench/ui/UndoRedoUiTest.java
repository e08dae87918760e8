package io.zkml.workbench.ui;

import io.zkml.workbench.ui.code.GeneratedCode;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One undo history per project (Ctrl+Z / Ctrl+Shift+Z, the toolbar and Edit ▸ Undo/Redo) over
 * every kind of edit: the inspector's spec edits, calibration, the weights mode, the consensus version
 * and design edits;
 * the dashboard and the compiled program follow, and dirty follows the history. Auto-tune's Apply
 * is undone in {@code DashboardUiTest}, after the search it already runs.
 */
@ExtendWith(ApplicationExtension.class)
class UndoRedoUiTest extends HeadlessFx {

    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void aSpecEditFromTheInspectorIsUndoneAndRedoneWithTheProgramFollowing(FxRobot robot) {
        fx.openSample("iris-tiny");
        QuantSpec calibrated = fx.window.spec();
        settled(calibrated);
        String constraints = fx.window.dashboard().text("constraintsTotal");
        GeneratedCode calibratedProgram = fx.window.programs().generatedProperty().get();
        assertTrue(robot.lookup("#undo").queryButton().isDisabled(), "nothing to undo after opening");

        select(robot, "layer0");
        Spinner<Integer> act = robot.lookup("#activationFracBits").queryAs(Spinner.class);
        int was = act.getValue();
        robot.interact(() -> act.getValueFactory().setValue(was - 5));
        QuantSpec narrow = fx.window.spec();
        assertEquals(was - 5, narrow.layer("layer0").activationFracBits());
        settled(narrow);
        GeneratedCode narrowProgram = fx.window.programs().generatedProperty().get();
        assertNotEquals(constraints, fx.window.dashboard().text("constraintsTotal"), "narrower activations cost less");
        assertTrue(fx.window.dirtyProperty().get());
        assertEquals("Undo Quantization of layer0", menu(robot, "menuUndo").getText());

        select(robot, "layer0"); // focus on the graph, so the keys reach the window rather than the spinner's text
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertSame(calibrated, fx.window.spec(), "undo restores the exact previous spec");
        settled(calibrated);
        assertEquals(constraints, fx.window.dashboard().text("constraintsTotal"), "the program is the calibrated one again");
        // Not compiled again: the very program compiled for that spec, kept (ui.RecentPrograms), is shown.
        assertTrue(calibratedProgram == fx.window.programs().generatedProperty().get(), "the program kept for the spec");
        assertEquals(was, robot.lookup("#activationFracBits").queryAs(Spinner.class).getValue(),
                "the inspector shows the restored width");
        assertFalse(fx.window.dirtyProperty().get(), "back at the opened state is clean");
        assertTrue(fx.window.statusBar().message().startsWith("Undid: Quantization of layer0"),
                fx.window.statusBar().message());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertSame(narrow, fx.window.spec());
        settled(narrow);
        assertTrue(narrowProgram == fx.window.programs().generatedProperty().get(), "redo shows the kept program too");
        assertTrue(fx.window.dirtyProperty().get());
    }

    @Test
    void calibrationAndTheWeightsModeAreUndoneFromTheEditMenuAndToolbar(FxRobot robot) {
        fx.openSample("iris-tiny");
        QuantSpec calibrated = fx.window.spec();
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec narrow = calibrated.withLayer("layer0", q.withActivationFracBits(q.activationFracBits() - 4));
        robot.interact(() -> fx.window.editSpec(narrow));
        settled(narrow);

        robot.interact(() -> fx.window.dashboard().calibrate.fire());
        fx.waitFor("the calibration", 60, () -> calibrated.equals(fx.window.spec()));
        settled(fx.window.spec());
        robot.interact(() -> fx.window.programs().weightsModeProperty().set(WeightsMode.PRIVATE_COMMITTED));
        fx.waitFor("the private-committed program", 60, () -> compiledWeights() == WeightsMode.PRIVATE_COMMITTED
                && !fx.window.programs().generatingProperty().get());
        String salt = fx.window.currentProject().orElseThrow().export().salt();
        assertEquals("Undo Weights: private-committed", menu(robot, "menuUndo").getText());

        robot.interact(() -> menu(robot, "menuUndo").fire());
        assertEquals(WeightsMode.CONSTANT, fx.window.programs().weightsModeProperty().get(), "the Code tab's choice");
        fx.waitFor("the constant program", 60, () -> compiledWeights() == WeightsMode.CONSTANT
                && !fx.window.programs().generatingProperty().get() && !fx.window.dashboard().costUpdating());
        assertEquals("Undo Calibrate", menu(robot, "menuUndo").getText());

        robot.clickOn("#undo");
        assertSame(narrow, fx.window.spec(), "undoing the calibration brings back the edited spec");
        settled(narrow);

        robot.interact(() -> menu(robot, "menuRedo").fire());
        robot.interact(() -> menu(robot, "menuRedo").fire());
        fx.waitFor("the private-committed program again", 60, () -> compiledWeights() == WeightsMode.PRIVATE_COMMITTED
                && !fx.window.programs().generatingProperty().get());
        assertEquals(salt, fx.window.currentProject().orElseThrow().export().salt(), "redo keeps the drawn salt");
        assertTrue(menu(robot, "menuRedo").isDisable(), "nothing left to redo");
    }

    @Test
    void theConsensusVersionIsChosenFromTheModelMenuCompiledInAndUndone(FxRobot robot) {
        fx.openSample("iris-tiny");
        settled(fx.window.spec());
        assertEquals(ConsensusVersion.LATEST, compiledConsensus());
        RadioMenuItem v14 = (RadioMenuItem) ((Menu) menu(robot, "menuConsensus")).getItems().stream()
                .filter(i -> "menuConsensusV14".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(v14::fire);
        fx.waitFor("the program checked against V14", 60, () -> compiledConsensus() == ConsensusVersion.V14
                && !fx.window.programs().generatingProperty().get());
        assertEquals(ConsensusVersion.V14, fx.window.currentProject().orElseThrow().export().consensus(), "saved with the project");
        assertTrue(robot.lookup("#provingProgram").queryLabeled().getText().endsWith("consensus V14"),
                "the Prove tab names it: " + robot.lookup("#provingProgram").queryLabeled().getText());
        assertTrue(fx.window.dirtyProperty().get());
        assertEquals("Undo Consensus version: V14", menu(robot, "menuUndo").getText());

        robot.interact(() -> menu(robot, "menuUndo").fire());
        fx.waitFor("the program checked against the latest version", 60,
                () -> compiledConsensus() == ConsensusVersion.LATEST && !fx.window.programs().generatingProperty().get());
        assertEquals(ConsensusVersion.LATEST, fx.window.consensusProperty().get());
        assertFalse(v14.isSelected(), "the menu follows the undo");
        assertFalse(fx.window.dirtyProperty().get());
    }

    private ConsensusVersion compiledConsensus() {
        GeneratedCode g = fx.window.programs().generatedProperty().get();
        return g == null ? null : g.compiled().settings().consensus();
    }

    @Test
    void droppingDesignEditsByLeavingDesignModeIsUndoneToo(FxRobot robot) {
        fx.openSample("iris-tiny");
        int nodes = fx.window.graphView().cards().size();
        robot.clickOn("#design");
        select(robot, "layer0");
        robot.clickOn("#addDense");
        fx.waitFor("the added layer", 30, () -> fx.window.graphView().cards().containsKey("dense0"));

        robot.clickOn("#design"); // leaving design mode drops the unretrained edit
        fx.waitFor("the model file's graph", 30, () -> fx.window.graphView().cards().size() == nodes);
        assertFalse(fx.window.design().isEdited());

        robot.clickOn("#undo");
        fx.waitFor("the edited graph back", 30, () -> fx.window.graphView().cards().containsKey("dense0"));
        assertTrue(fx.window.design().activeProperty().get(), "design edits come back in design mode");
        robot.clickOn("#undo");
        fx.waitFor("the original graph", 30, () -> fx.window.graphView().cards().size() == nodes);
        assertFalse(fx.window.dirtyProperty().get());
        assertTrue(robot.lookup("#undo").queryButton().isDisabled());
    }

    private WeightsMode compiledWeights() {
        GeneratedCode g = fx.window.programs().generatedProperty().get();
        return g == null ? null : g.compiled().weightsMode();
    }

    /** Waits until {@code spec} has been evaluated and compiled and the dashboard shows its program. */
    private void settled(QuantSpec spec) {
        fx.waitFor("the program for the spec", 60, () -> fx.window.evaluatedProperty().get() != null
                && spec.equals(fx.window.evaluatedProperty().get().spec()) && !fx.window.evaluatingProperty().get()
                && fx.window.programs().generatedProperty().get() != null
                && spec.equals(fx.window.programs().generatedProperty().get().spec())
                && !fx.window.programs().generatingProperty().get() && !fx.window.dashboard().costUpdating());
    }

    private void select(FxRobot robot, String node) {
        robot.clickOn(fx.window.graphView().cards().get(node));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static MenuItem menu(FxRobot robot, String id) {
        return robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
