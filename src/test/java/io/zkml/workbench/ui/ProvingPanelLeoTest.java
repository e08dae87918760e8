package io.zkml.workbench.ui;

import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.ui.prove.ProvingPanel;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.FakeLeo;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prove tab's Leo CLI backend, which the CLI had alone (issue #11): offered when a {@code leo}
 * answers {@code --version} where the workbench looks ({@code zkml.leoPath}, then PATH), Run is
 * {@code leo run} and Prove is {@code leo execute} on an export of the shown program, held to the
 * simulator; Leo's transaction can be saved, batches stay with snarkVM. The {@code leo} is a
 * {@link FakeLeo}; what it prints is set by the test once the simulator's prediction is known.
 */
@ExtendWith(ApplicationExtension.class)
class ProvingPanelLeoTest extends HeadlessFx {

    @TempDir
    static Path tmp;

    private WorkbenchFixture fx;
    private FakeLeo leo;
    private String previousLeoPath;

    @Start
    void start(Stage stage) throws Exception {
        leo = FakeLeo.install(tmp, "iris_tiny.aleo");
        previousLeoPath = System.setProperty(LeoBackend.PATH_PROPERTY, leo.bin().toString());
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
        if (previousLeoPath == null) {
            System.clearProperty(LeoBackend.PATH_PROPERTY);
        } else {
            System.setProperty(LeoBackend.PATH_PROPERTY, previousLeoPath);
        }
    }

    @Test
    void leoRunsAndProvesTheShownProgramAndItsTransactionCanBeSaved(FxRobot robot) throws Exception {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        robot.interact(p::showProving);
        ProvingPanel panel = p.proving();
        fx.waitFor("Leo to be found", 30, panel::leoAvailable);
        robot.interact(panel::useLeo);
        assertTrue(panel.proveRows.isDisabled(), "batches write snarkVM bundles: not offered with Leo");
        assertTrue(panel.verify.isDisabled());

        // What the simulator predicts for row 3 is what this Leo will print.
        CompiledModel compiled = p.generatedProperty().get().compiled();
        ModelSession session = p.generatedProperty().get().session();
        SampleRow row = new RowEncoder(compiled).encode(new float[][] {session.normalizedFeatures()[3]},
                new float[][] {session.dataset().orElseThrow().features()[3]}, null, 3).get(0);
        leo.prints(row.expectedOutputs().get(0));
        robot.interact(() -> panel.input().row.getValueFactory().setValue(3));

        robot.interact(panel.run::fire);
        fx.waitFor("leo run", 60, () -> panel.state().leo() != null || panel.failureText() != null);
        assertNull(panel.failureText());
        assertFalse(panel.state().leo().proven());
        assertTrue(panel.headlineText().startsWith("Class: "), panel.headlineText());
        assertTrue(panel.save.isDisabled(), "leo run saves no transaction");

        robot.interact(panel.prove::fire);
        fx.waitFor("leo execute", 60, () -> panel.state().leo() != null && panel.state().leo().proven()
                || panel.failureText() != null);
        assertNull(panel.failureText());
        Path transaction = panel.state().leo().result().transaction();
        assertNotNull(transaction);
        assertFalse(panel.save.isDisabled(), "Leo's transaction can be saved");
        assertEquals("Save Leo transaction…", panel.save.getText());
        assertNull(panel.state().bundle(), "Leo makes no proof bundle");

        // A Leo that disagrees with the simulator is a failure, and nothing of the last result stays.
        leo.prints(row.expectedOutputs().get(0).startsWith("0") ? "1u8" : "0u8");
        robot.interact(panel.run::fire);
        fx.waitFor("the failed run", 60, () -> panel.failureText() != null);
        assertTrue(panel.failureText().contains("but the simulator predicted"), panel.failureText());
        assertTrue(panel.resultIsEmpty());
        assertNull(panel.state().leo());
    }
}
