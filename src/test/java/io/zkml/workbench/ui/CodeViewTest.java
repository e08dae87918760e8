package io.zkml.workbench.ui;

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
        robot.interact(p::showCode);
        CodeView code = p.code();
        String leo = code.text(false);
        String aleo = code.text(true);
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
        assertEquals(p.code().text(true), java.nio.file.Files.readString(out.resolve("build/main.aleo")));
        assertEquals(p.code().text(false), java.nio.file.Files.readString(out.resolve("src/main.leo")));
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
        String aleoBefore = p.code().text(true);

        Spinner<Integer> w = robot.lookup("#weightFracBits").queryAs(Spinner.class);
        int old = w.getValue();
        robot.interact(() -> w.getValueFactory().setValue(old - 3));
        fx.waitFor("regeneration", 60, () -> p.generatedProperty().get() != before
                && p.generatedProperty().get().spec().layer("layer0").weightFracBits() == old - 3);

        assertNotEquals(aleoBefore, p.code().text(true), "new weights, new constants in the program");
        assertEquals(p.generatedProperty().get().compiled().aleoText(), p.code().text(true));
        assertFalse(p.code().markedLines(true).isEmpty(), "the selection stays marked in the new text");
    }

    /** Committed weights: private inputs and a Poseidon commitment output; the choice is saved with the project. */
    @Test
    void weightsModeRegeneratesTheProgramAndIsKeptInTheProject(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        assertFalse(p.code().text(true).contains("hash.psd8"), "constant weights by default");
        assertFalse(fx.window.dirtyProperty().get());

        robot.interact(() -> p.weightsModeProperty().set(io.zkml.workbench.codegen.WeightsMode.PRIVATE_COMMITTED));
        fx.waitFor("the committed program", 60, () -> p.code().text(true).contains("hash.psd8"));
        String aleo = p.code().text(true);
        assertTrue(aleo.contains("as field.public;"), "the commitment is a public output:\n" + aleo);
        assertTrue(p.code().text(false).contains("Poseidon8::hash_to_field"), "the Leo text says the same");
        // Issue #18: the chosen mode's cost per weight over constant weights, next to the choice.
        String perWeight = robot.lookup("#weightsCost").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(perWeight.matches("\\+\\d+ / weight"), perWeight);
        assertTrue(fx.window.dirtyProperty().get(), "the weights mode is a project setting");

        java.nio.file.Path file = dir.resolve("committed" + io.zkml.workbench.project.ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> fx.window.saveAs(file)));
        robot.interact(() -> {
            fx.window.showStart();
            fx.window.openProject(file);
        });
        fx.waitFor("the reopened committed program", 60, () -> p.generatedProperty().get() != null
                && p.code().text(true).contains("hash.psd8"));
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
