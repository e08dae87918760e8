package io.zkml.workbench.ui.audit;

import io.zkml.workbench.bundle.AuditReport;
import io.zkml.workbench.bundle.BundleRejectedException;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ReportParts;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.WeightsSalt;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The audit window's workflow without a window: read a proof bundle, verify it (optionally against
 * the auditor's copy of the model), and export the one-page report. The verdict shown is the core's
 * {@link VerificationReport} as the verifier returned it, never words of this class, nor anything
 * the bundle says about itself: a malformed bundle gets the core's malformed report (not valid).
 * Methods and the listener run on the {@code ui} executor's thread; reading and verifying on {@code worker}.
 */
public final class AuditPresenter implements AutoCloseable {

    /**
     * Verifies a bundle that was read, as {@code zkml verify} does ({@link SidecarAuditVerifier} with snarkVM);
     * {@code model} (may be null) is re-exported with the bundle's spec and compared, with the owner's
     * {@code salt} of a salted weights commitment (null: not given).
     */
    public interface Verifier extends AutoCloseable {

        VerificationReport verify(String name, ProofBundle bundle, Path model, WeightsSalt salt, Consumer<String> progress);

        @Override
        void close();
    }

    /** One audit: the file, the bundle read from it (null when malformed), the report, the model checked against. */
    public record Audited(Path file, ProofBundle bundle, VerificationReport report, Path model) {
    }

    /** Why a bundle could not be audited at all (not a verdict: the file could not be read, snarkVM did not run, …). */
    public record Failure(Path file, Throwable cause) {
    }

    /** What the audit window shows; {@code file} is the bundle opened last. */
    public record State(Path file, boolean busy, String activity, Audited audited, Failure failure) {

        public boolean canExport() {
            return !busy && audited != null;
        }

        public boolean canCheckModel() {
            return !busy && audited != null && audited.bundle() != null;
        }

        public Optional<VerificationReport> report() {
            return Optional.ofNullable(audited).map(Audited::report);
        }
    }

    private final Verifier verifier;
    private final Executor worker;
    private final Executor ui;
    private volatile Consumer<State> listener = s -> { };
    private volatile State state = new State(null, false, "", null, null);

    public AuditPresenter(Verifier verifier, Executor worker, Executor ui) {
        this.verifier = verifier;
        this.worker = worker;
        this.ui = ui;
    }

    public void setListener(Consumer<State> l) {
        listener = l;
        l.accept(state);
    }

    /** The latest state; any thread. */
    public State state() {
        return state;
    }

    /**
     * Reads and verifies {@code bundleFile} in the background, checking that {@code model} (null: no
     * check) with the bundle's spec yields the bundle's program; the result replaces whatever was shown.
     */
    public void audit(Path bundleFile, Path model, WeightsSalt salt) {
        set(new State(bundleFile, true, "", state.audited(), null));
        worker.execute(() -> {
            Audited a;
            try {
                a = read(bundleFile, model, salt);
            } catch (RuntimeException e) {
                ui.execute(() -> set(new State(bundleFile, false, "", null, new Failure(bundleFile, e))));
                return;
            }
            ui.execute(() -> set(new State(bundleFile, false, "", a, null)));
        });
    }

    private Audited read(Path bundleFile, Path model, WeightsSalt salt) {
        message("Reading " + bundleFile.getFileName() + "…");
        ProofBundle b;
        try {
            b = ProofBundle.read(bundleFile);
        } catch (BundleRejectedException e) {
            if (!e.malformed()) {
                throw e;
            }
            // A malformed bundle is a verdict (not valid), made by the core like any other.
            return new Audited(bundleFile, null, ReportParts.malformed(bundleFile.getFileName().toString(),
                    e.getMessage()), model);
        }
        message(model == null ? "Verifying with snarkVM…" : "Re-exporting " + model.getFileName() + "…");
        return new Audited(bundleFile, b, verifier.verify(bundleFile.getFileName().toString(), b, model, salt,
                this::message), model);
    }

    private void message(String text) {
        ui.execute(() -> {
            if (state.busy()) {
                State s = state;
                set(new State(s.file(), true, text, s.audited(), s.failure()));
            }
        });
    }

    /** True when re-checking the model needs the owner's salt: the weights commitment of this bundle is salted. */
    public static boolean needsSalt(ProofBundle b) {
        CommitmentScheme scheme = CommitmentScheme.ofRecorded(b.manifest().commitmentScheme());
        return b.manifest().weightsMode() != null && !"constant".equals(b.manifest().weightsMode())
                && scheme != null && scheme.salted();
    }

    /** The suggested name of the HTML report of the bundle {@code file}. */
    public static String htmlFileName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.zip$", "") + "-audit.html";
    }

    /** Writes the one-page report of the last audit atomically; small enough to write on the calling thread. */
    public void writeHtml(Path target) {
        State s = state;
        if (s.audited() == null) {
            throw new IllegalStateException("no bundle has been audited");
        }
        AuditReport.write(target, s.audited().bundle(), s.audited().report());
        set(new State(s.file(), s.busy(), "Wrote " + target.getFileName(), s.audited(), s.failure()));
    }

    private void set(State s) {
        state = s;
        listener.accept(s);
    }

    @Override
    public void close() {
        verifier.close();
    }
}
