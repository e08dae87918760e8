package io.zkml.workbench.ui;

import io.zkml.workbench.ui.code.CodeView;
import io.zkml.workbench.ui.code.GeneratedCode;
import io.zkml.workbench.ui.code.LineNumber;
import io.zkml.workbench.codegen.LineSpan;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Code tab on real samples: both texts, the selected layer's lines, regeneration, unsupported models. */
@ExtendWith(ApplicationExtension.class)
class CodeViewTest extends HeadlessFx {

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
    void irisTinyShowsLeoAndAleoAndMarksTheSelectedLayer(FxRobot robot) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        CodeView code = p.code();
        assertEquals("", code.text(false), "the hidden Code tab is not filled");
        robot.interact(p::showCode);
        String aleo = visibleText(robot, code, true);
        String leo = visibleText(robot, code, false);
        assertTrue(leo.contains("program iris_tiny.aleo {"), leo);
        assertTrue(aleo.contains("program iris_tiny.aleo;"), aleo);
        assertTrue(aleo.contains("function main:") || aleo.contains("function "), aleo);
        assertTrue(code.markedLines(false).isEmpty(), "nothing selected, nothing marked");

        robot.interact(() -> fx.window.graphView().selection().select("layer0"));
        WaitForAsyncUtils.waitForFxEvents();
        GeneratedCode g = p.generatedProperty().get();
        assertEquals(lines(g.leo().layerLines().get("layer0")), code.markedLines(false));
        assertEquals(lines(g.aleo().layerLines().get("layer0")), code.markedLines(true));
        assertFalse(code.markedLines(true).isEmpty());
        assertTrue(code.text(true).split("\n")[code.markedLines(true).get(0)].trim().endsWith(";"));

        robot.interact(() -> fx.window.graphView().selection().select("layer1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(lines(g.aleo().layerLines().get("layer1")), code.markedLines(true));
        // The gutter on screen follows the selection (its numbers restyled, not the paragraphs rebuilt).
        List<Integer> onScreen = robot.lookup("#leoCode .lineno.layer-line").queryAll().stream()
                .map(n -> ((LineNumber) n).line()).sorted().toList();
        assertFalse(onScreen.isEmpty(), "layer1's first lines are scrolled into view and marked");
        assertTrue(lines(g.leo().layerLines().get("layer1")).containsAll(onScreen), onScreen.toString());
    }

    @Test
    void exportWritesTheShownProgramAsALeoProject(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        GeneratedCode g = p.generatedProperty().get();
        java.nio.file.Path out = dir.resolve("iris_tiny");
        robot.interact(() -> p.export(g, out, false));
        fx.waitFor("the export", 60, () -> java.nio.file.Files.isRegularFile(out.resolve("export.json")));
        fx.waitFor("the status bar to confirm the export", 30,
                () -> fx.window.statusBar().message().equals("Exported iris_tiny.aleo to " + out));
        robot.interact(p::showCode);
        assertEquals(visibleText(robot, p.code(), true), java.nio.file.Files.readString(out.resolve("build/main.aleo")));
        assertEquals(visibleText(robot, p.code(), false), java.nio.file.Files.readString(out.resolve("src/main.leo")));
        robot.interact(() -> robot.listTargetWindows().stream().filter(w -> w != fx.window.getScene().getWindow())
                .forEach(w -> ((javafx.stage.Stage) w).close()));
    }

    @Test
    void changingABitWidthRegeneratesTheCode(FxRobot robot) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        robot.interact(() -> fx.window.graphView().selection().select("layer0"));
        GeneratedCode before = p.generatedProperty().get();
        robot.interact(p::showCode);
        String aleoBefore = visibleText(robot, p.code(), true);

        Spinner<Integer> w = robot.lookup("#weightFracBits").queryAs(Spinner.class);
        int old = w.getValue();
        robot.interact(() -> w.getValueFactory().setValue(old - 3));
        fx.waitFor("regeneration", 60, () -> p.generatedProperty().get() != before
                && p.generatedProperty().get().spec().layer("layer0").weightFracBits() == old - 3);

        robot.interact(p::showCode);
        String aleoAfter = visibleText(robot, p.code(), true);
        assertNotEquals(aleoBefore, aleoAfter, "new weights, new constants in the program");
        assertEquals(p.generatedProperty().get().compiled().aleoText(), aleoAfter,
                "only the changed lines were replaced, and the result is exactly the new program");
        assertFalse(p.code().markedLines(true).isEmpty(), "the selection stays marked in the new text");
    }

    /** Committed weights: private inputs and a Poseidon commitment output; the choice is saved with the project. */
    @Test
    void weightsModeRegeneratesTheProgramAndIsKeptInTheProject(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        robot.interact(p::showCode);
        assertFalse(visibleText(robot, p.code(), true).contains("hash.psd8"), "constant weights by default");
        assertFalse(fx.window.dirtyProperty().get());

        robot.interact(() -> p.weightsModeProperty().set(io.zkml.workbench.codegen.WeightsMode.PRIVATE_COMMITTED));
        fx.waitFor("the committed program", 60, () -> p.code().isUpToDate() && p.code().text(true).contains("hash.psd8"));
        String aleo = p.code().text(true);
        assertTrue(aleo.contains("as field.public;"), "the commitment is a public output:\n" + aleo);
        assertTrue(visibleText(robot, p.code(), false).contains("Poseidon8::hash_to_field"), "the Leo text says the same");
        // Issue #18: the chosen mode's cost per weight over constant weights, next to the choice.
        String perWeight = robot.lookup("#weightsCost").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(perWeight.matches("\\+\\d+ / weight"), perWeight);
        String why = robot.lookup("#weightsCost").queryAs(javafx.scene.control.Label.class).getTooltip().getText();
        assertTrue(why.matches(".*packed at \\d+\\.\\d bits each.*Auto-tune.*"), "names the per-bit lever: " + why);
        assertTrue(fx.window.dirtyProperty().get(), "the weights mode is a project setting");

        java.nio.file.Path file = dir.resolve("committed" + io.zkml.workbench.project.ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> fx.window.saveAs(file)));
        robot.interact(() -> {
            fx.window.showStart();
            fx.window.openProject(file);
        });
        fx.waitFor("the reopened committed program", 60, () -> p.generatedProperty().get() != null
                && p.generatedProperty().get().compiled().aleoText().contains("hash.psd8"));
        assertEquals(io.zkml.workbench.codegen.WeightsMode.PRIVATE_COMMITTED, p.weightsModeProperty().get());
        assertFalse(fx.window.dirtyProperty().get(), "restoring the mode is not a change");
    }

    @Test
    void digitsCnnShowsItsConvolutionAndPoolingCodeAndTheDigitPicture(FxRobot robot) {
        fx.openSample("digits-cnn");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the digits program", 120, () -> p.code().shown().isPresent());
        GeneratedCode code = p.code().shown().orElseThrow();
        assertTrue(code.aleo().layerLines().containsKey("pool"), "pooling is lowered: " + code.aleo().layerLines().keySet());
        assertTrue(code.leo().text().contains("program digits_cnn.aleo"), "Leo program header");
        javafx.scene.image.ImageView digit = robot.lookup(".digit-picture").queryAs(javafx.scene.image.ImageView.class);
        assertTrue(digit.getImage() != null && digit.getImage().getWidth() == 8, "row 0 of digits as an 8x8 picture");
    }

    /** Ctrl+F in the code view: typing a layer's name selects the first line of that layer's code. */
    @Test
    void ctrlFFindsALayersLine(FxRobot robot) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        robot.interact(p::showCode);
        CodeView code = p.code();
        visibleText(robot, code, true);
        GeneratedCode g = p.generatedProperty().get();
        List<Integer> layer1 = lines(g.aleo().layerLines().get("layer1"));

        robot.clickOn("#aleoCode");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(code.findBar().isVisible(), "Ctrl+F shows the find bar");
        assertTrue(code.findBar().field().isFocused(), "with the focus in its field");
        robot.write("layer1");
        WaitForAsyncUtils.waitForFxEvents();
        // The generated code does not spell layer names; the layer's name finds its first line.
        assertEquals(layer1.get(0), code.caretLine(true), "the match is layer1's first line ("
                + code.findBar().countText() + ")");
        assertEquals("1 match", code.findBar().countText());

        robot.interact(() -> code.findBar().field().setText("into r1"));
        WaitForAsyncUtils.waitForFxEvents();
        int first = code.caretLine(true);
        assertTrue(code.text(true).split("\n", -1)[first].toLowerCase().contains("into r1"), "a text match is selected");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(code.caretLine(true) > first, "Enter goes to the next match");

        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(code.findBar().isVisible(), "Escape closes the bar");
    }

    /** Selects the language's tab and waits until its area holds the shown program. */
    static String visibleText(FxRobot robot, CodeView code, boolean aleo) {
        robot.interact(() -> code.selectTab(aleo));
        try {
            WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, code::isUpToDate);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the code area was not filled", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return code.text(aleo);
    }

    private static List<Integer> lines(List<LineSpan> spans) {
        List<Integer> out = new ArrayList<>();
        for (LineSpan s : spans) {
            for (int l = s.first(); l <= s.last(); l++) {
                out.add(l - 1);
            }
        }
        return out;
    }
}
