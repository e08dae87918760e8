package io.zkml.workbench.ui;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A hand-edited project whose design edit asks for 2,000,000,000 units: opening it shows an error
 * dialog naming the edit and returns to the start page, instead of hanging on "Laying out…".
 */
@ExtendWith(ApplicationExtension.class)
class BadProjectUiTest extends HeadlessFx {

    @TempDir
    Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchFixture.show(stage, Files.createTempDirectory("zkml-home"));
    }

    @Stop
    void stop() {
        window.close();
    }

    private Path hugeDesignProject() throws Exception {
        Path model = Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("iris-tiny.zip"));
        QuantSpec spec = QuantSpec.of(9, Map.of("layer0", LayerQuant.of(11, 7), "layer1", LayerQuant.of(10, 6)));
        WorkbenchProject p = new WorkbenchProject(model, FileHashes.sha256(model), null, spec, null, null, null,
                new WorkbenchProject.Design(List.of(DesignStep.setUnits("layer0", 8)), null));
        Path file = dir.resolve("huge" + ProjectStore.EXTENSION);
        new ProjectStore().save(p, file);
        Files.writeString(file, Files.readString(file).replace("\"units\" : 8", "\"units\" : 2000000000"));
        return file;
    }

    @Test
    void aProjectWithAnOutOfBoundsDesignEditShowsAnErrorAndTheStartPage(FxRobot robot) throws Exception {
        Path file = hugeDesignProject();
        // Start from an open model, so that "back to the start page" is visible.
        robot.interact(() -> window.open(new ModelRequest.File(Path.of("sample-models/iris-tiny.zip"))));
        waitFor("iris-tiny to open", () -> window.loadedProperty().get() != null);
        robot.interact(() -> window.openProject(file));
        waitFor("the error dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane error = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        String text = error.getHeaderText() + " " + error.getContentText();
        assertTrue(text.contains("Could not open huge.zkwb"), text);
        assertTrue(text.contains("units must be 1..4096, got 2000000000"), text);
        assertSame(window.startPage(), window.getCenter(), "back on the start page");
        assertTrue(!window.statusBar().message().startsWith("Laying out"), window.statusBar().message());
        robot.interact(() -> error.getScene().getWindow().hide());
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
