package io.zkml.workbench.ui;

import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.ui.prove.ProvingPanel;
import io.zkml.workbench.ui.prove.RowsRequest;
import io.zkml.workbench.ui.prove.RunResult;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.testing.SnarkVm;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prove tab with the real snarkVM sidecar on iris-tiny: a proof cancelled while snarkVM proves,
 * then one execution on a fresh sidecar (its decoded class, then a failed proof that clears it); ONE
 * proof that is verified and saved (the saved bundle is what {@link AuditViewTest} reads when it
 * exists), and a batch of two rows that resumes from that bundle (one more proof). The execution is
 * the one after the cancel, not a test of its own: one workbench, sidecar and execution fewer.
 */
@SnarkVm
@ExtendWith(ApplicationExtension.class)
class ProvingPanelTest extends HeadlessFx {

    /*
     * The panel's sidecars use zkml.keyCacheDir, which pom.xml points at the run's shared key cache
     * (pom.xml's zkml.testKeyCache): iris-tiny's keys synthesized by any snarkVM class serve them all.
     */
    static final Path BUNDLE = Path.of("target/ui-test-bundles/iris-tiny-row0.zip").toAbsolutePath();

    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    private ProvingPanel openIrisTiny(FxRobot robot) {
        fx.openSample("iris-tiny");
        ProgramPanels p = fx.window.programs();
        fx.waitFor("the generated program", 60, () -> p.generatedProperty().get() != null);
        robot.interact(p::showProving);
        return p.proving();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void cancellingAProofStopsTheSidecarAndARunAfterwardsShowsTheDecodedClass(FxRobot robot) {
        ProvingPanel panel = openIrisTiny(robot);
        robot.interact(() -> panel.input().row.getValueFactory().setValue(1));
        robot.interact(panel.prove::fire);
        // Cancel once snarkVM is really proving (keys synthesized or loaded), not before it started.
        fx.waitFor("the sidecar to start proving", 420, () -> "proving".equals(panel.state().stage())
                || panel.failureText() != null || panel.state().bundle() != null);
        assertNull(panel.failureText());
        assertNull(panel.state().bundle(), "the proof must still be running when it is cancelled");
        ProcessHandle sidecar = panel.sidecarProcess().orElseThrow();
        assertTrue(sidecar.isAlive());

        // Fired on the FX thread and checked in the same pulse: the kill may finish within milliseconds.
        boolean[] state = new boolean[3];
        robot.interact(() -> {
            panel.cancel.fire();
            state[0] = panel.cancel.isDisabled();
            state[1] = panel.run.isDisabled() && panel.prove.isDisabled();
            state[2] = panel.activityText().startsWith("Cancelling");
        });
        assertTrue(state[0], "Cancel is spent");
        assertTrue(state[1], "nothing starts until the sidecar is gone");
        assertTrue(state[2], "the panel says it is stopping snarkVM");
        fx.waitFor("the panel to be ready again", 30, () -> !panel.run.isDisabled());

        assertFalse(sidecar.isAlive(), "the proving sidecar was killed");
        assertTrue(panel.activityText().startsWith("Proof cancelled."), panel.activityText());
        assertNull(panel.failureText(), "a cancel is not shown as an error");
        assertNull(panel.state().bundle());
        assertFalse(panel.prove.isDisabled());
        assertTrue(panel.cancel.isDisabled());
        assertTrue(panel.verify.isDisabled(), "there is no proof to verify");

        robot.interact(() -> panel.input().row.getValueFactory().setValue(0));
        robot.clickOn(panel.run);
        fx.waitFor("a run after the cancel", 330, () -> panel.state().lastRun() != null
                || panel.failureText() != null);
        assertNull(panel.failureText());
        assertTrue(panel.sidecarProcess().orElseThrow().pid() != sidecar.pid(), "a fresh sidecar ran it");
        assertTrue(panel.activityText().startsWith("Done in"), panel.activityText());
        RunResult r = panel.state().lastRun();
        assertTrue(r.matchesSimulator(), "snarkVM " + r.execution().outputs() + " vs simulator " + r.row().expectedOutputs());
        assertTrue(panel.headlineText().startsWith("Class: "), panel.headlineText());
        assertTrue(panel.headlineText().endsWith(r.decoded().classLabel()));
        assertEquals(3, r.floatOutput().length, "three iris classes from the float model");

        // A proof that fails (two values for a four-feature model) leaves no old result behind.
        robot.interact(() -> panel.input().typeValues("1.0, 2.0"));
        robot.interact(panel.prove::fire);
        fx.waitFor("the failed proof", 30, () -> panel.failureText() != null);
        assertTrue(panel.failureText().contains("4 values"), panel.failureText());
        assertNull(panel.state().bundle(), "no proof was made");
        assertEquals("", panel.headlineText(), "the earlier run's result is gone");
        assertTrue(panel.resultIsEmpty(), "nothing from the earlier run stays under the error");
        assertNull(panel.state().lastRun());
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void oneProofIsMadeVerifiedAndSaved(FxRobot robot) throws Exception {
        ProvingPanel panel = openIrisTiny(robot);
        robot.interact(() -> panel.input().row.getValueFactory().setValue(0));
        robot.interact(panel.prove::fire);
        assertTrue(!panel.cancel.isDisabled(), "Cancel is offered while proving");
        fx.waitFor("the proof", 450, () -> panel.state().bundle() != null || panel.failureText() != null);
        assertNull(panel.failureText());
        ProofBundle b = panel.state().bundle();
        assertEquals("iris_tiny.aleo", b.manifest().programId());
        assertEquals(0, b.manifest().row());

        robot.interact(panel.verify::fire);
        fx.waitFor("verification", 120, () -> panel.state().report() != null || panel.failureText() != null);
        assertTrue(panel.state().report().valid(), panel.state().report().failures().toString());
        assertTrue(robot.lookup("#verdict").queryLabeled().getText().startsWith("VALID"));

        Files.createDirectories(BUNDLE.getParent());
        robot.interact(() -> panel.save(BUNDLE));
        fx.waitFor("the saved bundle", 30, () -> Files.isRegularFile(BUNDLE));
        assertEquals(b.manifest().publicOutputs(), ProofBundle.read(BUNDLE).manifest().publicOutputs());

        // Prove rows… (the CLI's --rows-from --resume): row 0's bundle is already in the folder, row 1 is proven.
        Path batchDir = Files.createDirectories(BUNDLE.getParent().resolve("batch"));
        Files.copy(BUNDLE, batchDir.resolve("row-0.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(batchDir.resolve("row-1.zip"));
        assertFalse(panel.proveRows.isDisabled(), "iris-tiny has a dataset to prove rows of");
        robot.interact(() -> panel.proveRows(new RowsRequest(0, 2, batchDir, true)));
        fx.waitFor("the batch", 450, () -> panel.state().batch() != null || panel.failureText() != null);
        assertNull(panel.failureText());
        var summary = panel.state().batch();
        assertEquals(List.of(BatchProver.Status.skipped, BatchProver.Status.proven),
                summary.rows().stream().map(BatchProver.RowResult::status).toList());
        assertEquals(1, ProofBundle.read(batchDir.resolve("row-1.zip")).manifest().row());
        assertEquals(batchDir.resolve(BatchProver.SUMMARY), summary.summaryFile());
        assertTrue(panel.headlineText().startsWith("1 proven, 1 skipped"), panel.headlineText());
    }
}
