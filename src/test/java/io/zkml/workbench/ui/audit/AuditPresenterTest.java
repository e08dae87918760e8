package io.zkml.workbench.ui.audit;

import io.zkml.workbench.bundle.BundleZips;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ReportParts;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.codegen.WeightsSalt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit window's workflow without a window or snarkVM: the verdict is the verifier's report
 * (here a recorded one), whatever the bundle claims; a malformed bundle is the core's not-valid
 * report, and a bundle that cannot be audited at all is a failure, not a verdict. Real snarkVM
 * verifies behind the same presenter in {@code ui.AuditViewTest}.
 */
class AuditPresenterTest {

    static final Path FIXTURE = Path.of("src/test/resources/io/zkml/workbench/ui/iris-tiny-row0.zip");

    @TempDir
    Path dir;

    private final ArrayDeque<Runnable> worker = new ArrayDeque<>();
    private final List<AuditPresenter.State> states = new ArrayList<>();

    /** What the verifier was asked, and the report it answers. */
    private static final class Recorded implements AuditPresenter.Verifier {
        VerificationReport answer;
        RuntimeException failure;
        Path model;
        WeightsSalt salt;
        int calls;

        @Override
        public VerificationReport verify(String name, ProofBundle bundle, Path model, WeightsSalt salt,
                Consumer<String> progress) {
            calls++;
            this.model = model;
            this.salt = salt;
            progress.accept("Verifying the proof…");
            if (failure != null) {
                throw failure;
            }
            return answer;
        }

        @Override
        public void close() {
        }
    }

    private final Recorded verifier = new Recorded();
    private final AuditPresenter presenter = new AuditPresenter(verifier, worker::add, Runnable::run);

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.poll().run();
        }
    }

    @Test
    void theVerdictIsTheVerifiersReportNotTheBundlesClaims() throws Exception {
        presenter.setListener(states::add);
        assertFalse(presenter.state().canExport() || presenter.state().canCheckModel());
        // A real, valid iris-tiny bundle; this verifier says it is not valid, and that is what is shown.
        verifier.answer = ReportParts.malformed("iris-tiny-row0.zip", "recorded: the proof does not verify");
        presenter.audit(FIXTURE, null, null);
        assertTrue(presenter.state().busy());
        assertEquals(FIXTURE, presenter.state().file());
        runWorker();
        AuditPresenter.State s = presenter.state();
        assertFalse(s.busy());
        assertSame(verifier.answer, s.report().orElseThrow());
        assertFalse(s.report().orElseThrow().valid());
        assertEquals("iris_tiny.aleo", s.audited().bundle().manifest().programId(), "the bundle as read");
        assertTrue(s.canExport() && s.canCheckModel());
        assertTrue(states.stream().anyMatch(x -> x.busy() && x.activity().equals("Reading iris-tiny-row0.zip…")));
        assertTrue(states.stream().anyMatch(x -> x.busy() && x.activity().equals("Verifying the proof…")));

        Path html = dir.resolve(AuditPresenter.htmlFileName(FIXTURE));
        assertEquals("iris-tiny-row0-audit.html", html.getFileName().toString());
        presenter.writeHtml(html);
        String text = Files.readString(html);
        assertTrue(text.contains("NOT VALID"), "the report's verdict, not the bundle's claims");
        assertFalse(text.contains(VerificationReport.PROVEN));
        assertEquals("Wrote iris-tiny-row0-audit.html", presenter.state().activity());

        // Checking against the auditor's model goes to the verifier with the model (and salt, when given).
        Path model = Path.of("sample-models", "iris-tiny.zip");
        presenter.audit(s.audited().file(), model, null);
        assertSame(s.audited(), presenter.state().audited(), "the last audit stays until the new one is done");
        runWorker();
        assertEquals(model, verifier.model);
        assertEquals(model, presenter.state().audited().model());
        assertFalse(AuditPresenter.needsSalt(s.audited().bundle()), "constant weights have no salted commitment");
    }

    @Test
    void aMalformedBundleIsTheCoresNotValidReportWithoutAskingTheVerifier() throws Exception {
        Path zip = BundleZips.write(dir, "huge.zip", BundleZips.withManifest(m -> m.putArray("inputTypes")
                .add("[i16; 2000000000u32]")));
        presenter.audit(zip, null, null);
        runWorker();
        VerificationReport r = presenter.state().report().orElseThrow();
        assertEquals(VerificationReport.Outcome.NOT_VALID, r.outcome());
        assertTrue(r.failures().get(0).detail().contains("2000000000"), r.failures().toString());
        assertEquals(0, verifier.calls);
        assertNull(presenter.state().audited().bundle());
        assertTrue(presenter.state().canExport());
        assertFalse(presenter.state().canCheckModel(), "no bundle to check a model against");
    }

    @Test
    void aBundleThatCannotBeAuditedIsAFailureNotAVerdict() {
        verifier.answer = ReportParts.malformed("x", "y");
        presenter.audit(FIXTURE, null, null);
        runWorker();
        assertTrue(presenter.state().report().isPresent());

        verifier.failure = new IllegalStateException("snarkVM could not start");
        presenter.audit(FIXTURE, null, null);
        runWorker();
        AuditPresenter.State s = presenter.state();
        assertFalse(s.busy());
        assertTrue(s.report().isEmpty(), "no verdict is left from the earlier audit");
        assertEquals("snarkVM could not start", s.failure().cause().getMessage());
        assertFalse(s.canExport());
        assertThrows(IllegalStateException.class, () -> presenter.writeHtml(dir.resolve("none.html")));

        presenter.audit(dir.resolve("missing.zip"), null, null);
        runWorker();
        assertEquals(dir.resolve("missing.zip"), presenter.state().failure().file());
    }
}
