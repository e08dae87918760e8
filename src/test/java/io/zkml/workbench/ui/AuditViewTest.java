package io.zkml.workbench.ui;

import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.ui.audit.AuditView;
import io.zkml.workbench.testing.SnarkVm;
import io.zkml.workbench.bundle.VerificationReport;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit view on a real iris-tiny proof bundle (made by the workbench's Prove tab and committed
 * as a fixture, so this test proves nothing itself): verified as valid, and a copy whose manifest
 * claims another output is reported as not valid. One view for the class, so one sidecar: the view
 * starts its own on the first verification, and a second one cost a process start (snarkVM's WASM
 * and the SRS loaded again; 15-20 s on a loaded machine) for the same work (issue #15). Each audit
 * replaces what the view showed, as the first test's second audit (with the model) always did.
 */
@SnarkVm
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditViewTest extends HeadlessFx {

    /**
     * Written by {@link ProvingPanelTest} (target/ui-test-bundles/iris-tiny-row0.zip). When the code
     * generator changes iris-tiny's program, the model check below fails until it is copied over again.
     */
    static final Path FIXTURE = Path.of("src/test/resources/io/zkml/workbench/ui/iris-tiny-row0.zip");

    @TempDir
    Path dir;

    private AuditView view;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        if (view == null) {
            view = new AuditView(() -> stage);
        } else if (view.getScene() != null) {
            view.getScene().setRoot(new javafx.scene.Group()); // a node is the root of one scene at a time
        }
        Scene scene = new Scene(view, 1200, 760);
        scene.getStylesheets().add(Objects.requireNonNull(WorkbenchApp.class.getResource(WorkbenchApp.CSS)).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    void stop() {
        if (view != null) {
            view.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aProofBundleIsVerifiedAndExplained(FxRobot robot) throws Exception {
        VerificationReport r = audit(robot, FIXTURE);
        assertTrue(r.valid(), r.failures().toString());
        assertTrue(robot.lookup("#verdict").queryLabeled().getText().startsWith("VALID"));
        assertTrue(robot.lookup("#statement").queryLabeled().getText().contains("iris_tiny.aleo"));
        assertTrue(robot.lookup("#proven").tryQuery().isPresent(), "a valid proof has a proven part");
        assertTrue(values(robot).stream().anyMatch(t -> t.contains("constraints")), "circuit counts, as the bundle's claim");
        assertTrue(values(robot).stream().anyMatch(t -> t.contains("class 0 = setosa (class names from the bundle's manifest)")));

        VerificationReport withModel = audit(robot, FIXTURE, WorkbenchFixture.sampleModel("iris-tiny"));
        assertTrue(withModel.valid(), withModel.failures().toString());
        assertTrue(withModel.checks().stream().anyMatch(c -> c.name().equals("program from model") && c.passed()));
        assertTrue(values(robot).stream().anyMatch(t -> t.equals("class 0 = setosa")), "read with the model's class names");

        Path html = dir.resolve("audit.html");
        robot.interact(() -> view.writeHtml(html));
        String text = Files.readString(html);
        assertTrue(text.contains("VALID") && !text.contains("NOT VALID"), text);
        assertTrue(text.contains("iris_tiny.aleo"));
        assertTrue(text.contains(VerificationReport.PROVEN) && text.contains(VerificationReport.NOT_ESTABLISHED), text);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aTamperedBundleFails(FxRobot robot) throws Exception {
        ProofBundle b = ProofBundle.read(FIXTURE);
        String claimed = b.manifest().publicOutputs().get(0).equals("0u8") ? "1u8" : "0u8";
        ProofBundle forged = new ProofBundle(b.manifest().withPublicOutputs(List.of(claimed)), b.mainAleo(), b.mainLeo(),
                b.execution(), b.verifyingKey(), b.quantJson());
        Path zip = dir.resolve("forged.zip");
        forged.writeZip(zip);

        VerificationReport r = audit(robot, zip);
        assertFalse(r.valid());
        assertTrue(r.failures().stream().anyMatch(c -> c.name().equals("public outputs")), r.failures().toString());
        assertTrue(robot.lookup("#verdict").queryLabeled().getText().startsWith("NOT VALID"));
        assertTrue(robot.lookup("#proven").tryQuery().isEmpty(), "nothing of a forged bundle is shown as proven");
        assertTrue(robot.lookup("#claimed").tryQuery().isPresent());
        assertTrue(values(robot).stream().anyMatch(t -> t.equals(claimed)), "the forged output appears only as a claim");

        Path html = dir.resolve("forged.html");
        robot.interact(() -> view.writeHtml(html));
        String text = Files.readString(html);
        assertTrue(text.contains("NOT VALID"), text);
        assertFalse(text.contains(VerificationReport.PROVEN), text);
        assertTrue(text.contains(VerificationReport.CLAIMED) && text.contains(VerificationReport.NOT_ESTABLISHED), text);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aMalformedBundleIsNotValidWithTheProblemNamed(FxRobot robot) throws Exception {
        Path zip = io.zkml.workbench.bundle.BundleZips.write(dir, "huge.zip", io.zkml.workbench.bundle.BundleZips
                .withManifest(m -> m.putArray("inputTypes").add("[i16; 2000000000u32]")));
        VerificationReport r = audit(robot, zip);
        assertFalse(r.valid());
        assertTrue(r.failures().get(0).detail().contains("2000000000"), r.failures().toString());
        assertTrue(robot.lookup("#verdict").queryLabeled().getText().startsWith("NOT VALID"));
        assertTrue(robot.lookup("#proven").tryQuery().isEmpty());
    }

    private static List<String> values(FxRobot robot) {
        return robot.lookup(".audit-value").queryAll().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
    }

    private VerificationReport audit(FxRobot robot, Path bundle) throws Exception {
        return audit(robot, bundle, null);
    }

    private VerificationReport audit(FxRobot robot, Path bundle, Path model) throws Exception {
        robot.interact(() -> view.audit(bundle, model));
        WaitForAsyncUtils.waitFor(200, TimeUnit.SECONDS, () -> !view.busy()
                && (view.report().isPresent() || view.failureText() != null));
        WaitForAsyncUtils.waitForFxEvents();
        return view.report().orElseThrow(() -> new AssertionError(view.failureText()));
    }
}
