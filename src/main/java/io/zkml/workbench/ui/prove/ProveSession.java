package io.zkml.workbench.ui.prove;

import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoInstallation;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.ui.code.GeneratedCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prove tab's workflow without a window: Run, Prove, Verify, Save and Prove rows on the shown
 * program, each as one job on the proving worker, with Cancel, progress, the proof checklist and the
 * results. Every change publishes one immutable {@link State} to the listener (the view renders it,
 * a test asserts on it). Methods are called, and the listener is called, on the {@code ui} executor's
 * thread (the FX thread in the workbench); only the jobs themselves run on {@code worker}, and the
 * environment probe and the sidecar kill on {@code side} so they never queue behind a proof.
 */
public final class ProveSession implements AutoCloseable {

    public enum Backend { SNARKVM, LEO }

    public enum StepStatus { WAITING, ACTIVE, DONE, STOPPED }

    /** One line of the proof checklist. */
    public record Step(String name, StepStatus status, String note) {

        public String text() {
            return switch (status) {
                case WAITING -> name;
                case ACTIVE -> name + "…";
                case DONE -> name + " — " + note;
                case STOPPED -> name + " — stopped";
            };
        }
    }

    /** The job in progress: "Run", "Proof", "Verification", "Batch proof" or "Saving". */
    public record Job(String what, long startedAtNanos, boolean cancelling) {
    }

    /** Why the last job failed; the view words {@code cause} for people. */
    public record Failure(String summary, Throwable cause) {
    }

    /** What the result area shows: the last job's outcome, until a new one starts or fails. */
    public sealed interface Result permits RunResult, LeoOutcome, Proven, Verified, Batch {
    }

    public record Proven(ProofBundle bundle) implements Result {
    }

    /** The verifier's own report: its verdict is what is shown, never a word of the session's. */
    public record Verified(VerificationReport report) implements Result {
    }

    public record Batch(BatchProver.Summary summary) implements Result {
    }

    /** What the environment probe found for a program needing SRS degree 2^{@code srsDegreeLog2}. */
    public record Environment(ProvingEnvironment found, int srsDegreeLog2) {
    }

    /**
     * Everything the Prove tab shows. {@code progress} is -1 while the fraction is unknown, 0 when idle.
     * {@code bundle}, {@code report}, {@code leo} and {@code batch} outlive the result area: Verify and
     * Save act on the last proof even after a Run replaced what is shown.
     */
    public record State(GeneratedCode code, String title, Backend backend, Environment environment, Job job,
            String activity, double progress, String stage, List<Step> steps, Result shown, ProofBundle bundle,
            VerificationReport report, LeoOutcome leo, BatchProver.Summary batch, Failure failure) {

        public boolean busy() {
            return job != null;
        }

        public boolean canRun() {
            return !busy() && code != null;
        }

        public boolean canCancel() {
            return job != null && !job.cancelling();
        }

        public boolean canVerify() {
            return !busy() && bundle != null;
        }

        public boolean canSave() {
            return !busy() && (bundle != null || leoTransaction() != null);
        }

        /** Batches write snarkVM proof bundles; Leo proves one input at a time (as the CLI). */
        public boolean canProveRows() {
            return canRun() && backend == Backend.SNARKVM && code.session().dataset().map(d -> d.size() > 0).orElse(false);
        }

        public boolean leoAvailable() {
            return environment != null && environment.found().leoCli().isPresent();
        }

        /** The transaction {@code leo execute} saved, if the last Leo job made one. */
        public Path leoTransaction() {
            return leo == null ? null : leo.result().transaction();
        }

        public RunResult lastRun() {
            return shown instanceof RunResult r ? r : null;
        }
    }

    static final List<String> STEP_NAMES = List.of("Synthesize proving keys", "Prove (snarkVM Varuna)",
            "Check outputs against the simulator");
    static final String NO_PROGRAM = "The program is generated once the model has been evaluated";

    /** One submitted job; its reports count only while it is the session's current, uncancelled job. */
    private final class Running implements Progress {
        final String what;
        final long startedAt;
        volatile boolean cancelled;

        Running(String what, long startedAt) {
            this.what = what;
            this.startedAt = startedAt;
        }

        private void ifCurrent(Runnable r) {
            ui.execute(() -> {
                if (running == this && !cancelled) {
                    r.run();
                    publish();
                }
            });
        }

        @Override
        public void message(String text) {
            ifCurrent(() -> activity = text);
        }

        @Override
        public void stage(String s, Double fraction) {
            ifCurrent(() -> onStage(s, fraction));
        }

        @Override
        public void fraction(double done) {
            ifCurrent(() -> progress = done);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T call(Running job) throws Exception;
    }

    private final Prover prover;
    private final Executor worker;
    private final Executor side;
    private final Executor ui;
    private final LongSupplier nanoTime;
    private volatile Consumer<State> listener = s -> { };
    private volatile State state;

    // The session's state, touched on the ui thread only; published as one State.
    private GeneratedCode code;
    private String title = NO_PROGRAM;
    private Backend backend = Backend.SNARKVM;
    private Environment environment;
    private Running running;
    /** True from Cancel until the cancelled job has returned and the sidecar is gone. */
    private boolean cancelling;
    private String activity = "";
    private double progress;
    private String stage;
    private final Step[] steps = new Step[STEP_NAMES.size()];
    private int activeStep = -1;
    private Result shown;
    private ProofBundle bundle;
    private VerificationReport report;
    private LeoOutcome leo;
    private BatchProver.Summary batch;
    private Failure failure;
    /** Whether the Prove tab is on screen. */
    private boolean showing;
    /** Whether the sidecar process now running (or starting) was asked to warm up. */
    private boolean warmUpAsked;

    /**
     * @param worker runs one job at a time, in order (Cancel relies on it: the session is ready again
     *               once what it queues behind the cancelled job has run)
     * @param side   runs the environment probe and the sidecar kill at once, beside the worker
     * @param ui     the thread the session's state lives on
     */
    public ProveSession(Prover prover, Executor worker, Executor side, Executor ui, LongSupplier nanoTime) {
        this.prover = Objects.requireNonNull(prover);
        this.worker = worker;
        this.side = side;
        this.ui = ui;
        this.nanoTime = nanoTime;
        resetSteps();
        publish();
    }

    /** Called with every new state, on the ui thread. */
    public void setListener(Consumer<State> l) {
        listener = l;
        l.accept(state);
    }

    /** The latest state; any thread. */
    public State state() {
        return state;
    }

    public Prover prover() {
        return prover;
    }

    // ---- the program and the backend ---------------------------------------------------------

    /** The programs, compared as lowered: the texts may not be printed yet, and printing is a function of these. */
    private static List<io.zkml.workbench.codegen.IrProgram> programs(GeneratedCode g) {
        return g.compiled().segments().stream().map(CompiledSegment::program).toList();
    }

    /** A (re)generated program: results of an earlier program go, and the environment is probed for it. */
    public void show(GeneratedCode g) {
        // Every program of a chain counts: moving a later cut leaves the entry's text as it was.
        boolean newProgram = code == null || !programs(code).equals(programs(g));
        code = g;
        title = g.compiled().programId() + " / " + g.compiled().function() + " · "
                + g.compiled().weightsMode().cliName() + " weights · consensus " + g.compiled().settings().consensus()
                + (g.compiled().isChain() ? " · " + g.compiled().segments().size() + " transitions" : "");
        if (newProgram) {
            bundle = null;
            report = null;
            leo = null;
            batch = null;
            resetSteps();
            clearResults();
        }
        // The batch proof of a chain needs the SRS of its largest transition, not only the entry's (fashion-cnn:
        // entry 2^20, a later program 2^21; the tab named the smaller and the dashboard the larger).
        probe(g.compiled().srsDegreeLog2());
        publish();
    }

    /**
     * The Prove tab came on screen or went off it. While it shows a program and snarkVM is there to prove
     * it, the sidecar starts and builds snarkVM's constants before the user clicks (a first Run or Prove
     * is then seconds shorter); once per sidecar process.
     */
    public void setShowing(boolean shown) {
        showing = shown;
        warmUpIfReady();
    }

    private void warmUpIfReady() {
        if (showing && !warmUpAsked && code != null && backend == Backend.SNARKVM && environment != null
                && environment.found().ready()) {
            warmUpAsked = true;
            side.execute(prover::warmUp);
        }
    }

    /** No program (none generated yet, or none can be): {@code text} says why. */
    public void showMessage(String text) {
        code = null;
        clearResults();
        title = text;
        publish();
    }

    /** A bundle or a Leo transaction belongs to the backend that made it. */
    public void setBackend(Backend b) {
        if (b == backend) {
            return;
        }
        backend = b;
        bundle = null;
        report = null;
        leo = null;
        clearResults();
        publish();
    }

    private void probe(int degree) {
        side.execute(() -> {
            ProvingEnvironment env;
            try {
                env = prover.probe(degree);
            } catch (RuntimeException e) {
                return; // as before: a probe that fails leaves the environment unknown
            }
            ui.execute(() -> {
                environment = new Environment(env, degree);
                if (env.leoCli().isEmpty() && backend == Backend.LEO) {
                    setBackend(Backend.SNARKVM);
                }
                publish();
                warmUpIfReady();
            });
        });
    }

    // ---- actions -------------------------------------------------------------------------------

    /** Run the shown program on the input ({@code leo run} with the Leo backend). */
    public void run(Supplier<ProofInput> input) {
        GeneratedCode g = code;
        ProofInput in = choose(input);
        if (g == null || in == null || busy()) {
            return;
        }
        if (backend == Backend.LEO) {
            withLeo(g, in, false);
            return;
        }
        start("Run", job -> {
            job.message("Encoding the input…");
            SampleRow row = in.encode(g.compiled());
            job.message("Running " + g.compiled().programId() + " in snarkVM (the first run synthesizes its keys, "
                    + "about a minute; later runs reuse them)…");
            ExecutionResult ex = prover.execute(g.compiled(), row);
            float[] fl = new FloatInterpreter(g.session().graph()).output(in.normalized());
            return new RunResult(row, ex, OutputDecoder.decode(g.compiled().output(), ex.outputs()), fl);
        }, "Run failed", r -> shown = r);
    }

    /** Prove the shown program on the input ({@code leo execute} with the Leo backend). */
    public void prove(Supplier<ProofInput> input) {
        GeneratedCode g = code;
        ProofInput in = choose(input);
        if (g == null || in == null || busy()) {
            return;
        }
        resetSteps();
        report = null;
        bundle = null;
        if (backend == Backend.LEO) {
            withLeo(g, in, true);
            return;
        }
        start("Proof", job -> {
            job.message("Encoding the input…");
            return prover.prove(g, request(in.encode(g.compiled())), job);
        }, "Proving failed", b -> {
            done(0, b.manifest().keysFromCache() ? "Keys from cache" : String.format(Locale.US,
                    "Keys synthesized in %.1f s", b.manifest().timings().synthesisMs() / 1000.0));
            done(1, String.format(Locale.US, "Proved in %.1f s", b.manifest().timings().provingMs() / 1000.0));
            done(2, "Outputs match the simulator: " + String.join(", ", b.manifest().publicOutputs()));
            bundle = b;
            shown = new Proven(b);
        });
    }

    private static ProofRequest request(SampleRow row) {
        return new ProofRequest(row.index() < 0 ? null : row.index(), row.inputs(), row.expectedOutputs());
    }

    /** Run ({@code leo run}) or Prove ({@code leo execute}) with the user's Leo CLI, on an export of this program. */
    private void withLeo(GeneratedCode g, ProofInput in, boolean proveIt) {
        leo = null;
        // The Leo the environment probe found (the choice is only offered once it has): no third `leo --version`.
        String version = environment == null ? "Leo"
                : environment.found().leoCli().map(LeoInstallation::version).orElse("Leo");
        start(proveIt ? "Proof" : "Run", job -> {
            job.message("Encoding the input…");
            SampleRow row = in.encode(g.compiled());
            Path saveDir = proveIt ? Files.createTempDirectory("zkml-leo-") : null;
            job.message(proveIt ? "leo execute: Leo synthesizes keys and proves (minutes)…" : "leo run…");
            LeoResult r = prover.withLeo(g, request(row), saveDir, job);
            return r == null ? null : new LeoOutcome(row, r, OutputDecoder.decode(g.compiled().output(), r.outputs()),
                    proveIt, version);
        }, proveIt ? "Proving with Leo failed" : "Leo run failed", o -> {
            if (o != null) {
                leo = o;
                shown = o;
            }
        });
    }

    /** Proves dataset rows into a folder with the one batch prover {@code zkml prove --rows-from} uses. */
    public void proveRows(RowsRequest request) {
        GeneratedCode g = code;
        if (g == null || busy()) {
            return;
        }
        batch = null;
        bundle = null;
        report = null;
        resetSteps();
        start("Batch proof", job -> {
            job.message("Encoding rows " + request.first() + "–" + (request.first() + request.count() - 1) + "…");
            List<SampleRow> rows = encodeRows(g, request.first(), request.count());
            int[] done = {0};
            return prover.proveRows(g, rows, request, r -> {
                done[0]++;
                job.fraction(done[0] / (double) rows.size());
                job.message(String.format(Locale.US, "Row %d %s (%d of %d)", r.row(),
                        r.status().name().replace('_', ' '), done[0], rows.size()));
            }, job);
        }, "Proving rows failed", s -> {
            if (s != null) {
                batch = s;
                shown = new Batch(s);
            }
        });
    }

    private static List<SampleRow> encodeRows(GeneratedCode g, int first, int count) {
        Dataset d = g.session().dataset().orElseThrow();
        float[][] norm = Arrays.copyOfRange(g.session().normalizedFeatures(), first, first + count);
        float[][] raw = Arrays.copyOfRange(d.features(), first, first + count);
        int[] labels = d.task() == TaskKind.CLASSIFICATION ? Arrays.copyOfRange(d.labels(), first, first + count) : null;
        return new RowEncoder(g.compiled()).encode(norm, raw, labels, first);
    }

    /** Verifies the last proof with the verifier {@code zkml verify} uses. */
    public void verify() {
        ProofBundle b = bundle;
        if (b == null || busy()) {
            return;
        }
        start("Verification", job -> {
            job.message("Verifying the proof with snarkVM…");
            return prover.verify(b, job);
        }, "Verification failed", r -> {
            report = r;
            shown = new Verified(r);
        });
    }

    /** Writes the last proof's bundle zip atomically (the bundle API builds it in memory and moves it into place). */
    public void save(Path zip) {
        ProofBundle b = bundle;
        if (b == null || busy()) {
            return;
        }
        start("Saving", job -> {
            job.message("Writing " + zip.getFileName() + "…");
            b.writeZip(zip);
            return zip;
        }, "Could not save the proof bundle", p -> activity = "Saved " + p);
    }

    /** Copies the transaction {@code leo execute} saved to {@code target}, atomically. */
    public void saveTransaction(Path target) {
        Path transaction = leo == null ? null : leo.result().transaction();
        if (transaction == null || busy()) {
            return;
        }
        start("Saving", job -> {
            AtomicFiles.write(target, Files.readAllBytes(transaction));
            return target;
        }, "Could not save Leo's transaction", p -> activity = "Saved " + p);
    }

    /** The suggested name of the last proof's bundle file. */
    public static String bundleFileName(ProofBundle b) {
        return b.manifest().programId().replace(".aleo", "")
                + (b.manifest().row() == null ? "-input" : "-row" + b.manifest().row()) + ".zip";
    }

    /**
     * Stops the job in progress: it is cancelled and the sidecar process killed (the worker is
     * blocked inside it, and killing it is what stops snarkVM). The session stays busy until the
     * cancelled job has returned and the process has exited, so the next Run or Prove starts a
     * fresh sidecar rather than queueing behind, or being killed with, the old one.
     */
    public void cancel() {
        Running r = running;
        if (r == null || cancelling) {
            return;
        }
        cancelling = true;
        r.cancelled = true;
        activity = "Cancelling: stopping snarkVM…";
        progress = 0;
        failActive();
        publish();
        side.execute(() -> {
            prover.cancel();
            Runnable ready = () -> ui.execute(() -> cancelled(r));
            try {
                // The worker runs one job at a time, so this runs once the cancelled one has returned.
                worker.execute(ready);
            } catch (RejectedExecutionException closed) {
                ready.run();
            }
        });
    }

    private void cancelled(Running r) {
        if (running != r) {
            return;
        }
        running = null;
        cancelling = false;
        activity = r.what + " cancelled. snarkVM was stopped; the next Run or Prove starts it afresh.";
        publish();
        warmUpAsked = false; // the process was killed: a new one warms up while the tab still shows
        warmUpIfReady();
    }

    /** snarkVM's hash of an Aleo value through this session's sidecar; any thread. */
    public String hash(String algorithm, String literal) {
        return prover.hash(algorithm, literal);
    }

    @Override
    public void close() {
        prover.close();
    }

    // ---- the job machinery -------------------------------------------------------------------

    private boolean busy() {
        return running != null;
    }

    private ProofInput choose(Supplier<ProofInput> input) {
        if (busy()) {
            return null;
        }
        try {
            return input.get();
        } catch (RuntimeException e) {
            clearResults();
            failure = new Failure("Check the input", e);
            publish();
            return null;
        }
    }

    /**
     * Old results describe an earlier run: a new Run, Prove or Verify replaces them, and a failed one
     * must not leave them on screen under its error (they would read as this run's outcome).
     */
    private void clearResults() {
        shown = null;
    }

    private <T> void start(String what, Work<T> work, String failureSummary, Consumer<T> onSuccess) {
        // Saving writes the shown bundle; its result stays. Everything else produces a new one.
        boolean replacesResult = !"Saving".equals(what);
        Running job = new Running(what, nanoTime.getAsLong());
        running = job;
        stage = null;
        failure = null;
        if (replacesResult) {
            clearResults();
        }
        activity = "";
        progress = -1;
        publish();
        worker.execute(() -> {
            if (job.cancelled) {
                return;
            }
            T value = null;
            Throwable error = null;
            try {
                value = work.call(job);
            } catch (Throwable t) {
                error = t;
            }
            T v = value;
            Throwable e = error;
            ui.execute(() -> finished(job, v, e, failureSummary, onSuccess, replacesResult));
        });
    }

    private <T> void finished(Running job, T value, Throwable error, String failureSummary, Consumer<T> onSuccess,
            boolean replacesResult) {
        if (running != job || job.cancelled) {
            return; // Cancel has answered for it
        }
        running = null;
        progress = 0;
        if (error == null) {
            activity = "Done in " + elapsed(nanoTime.getAsLong() - job.startedAt);
            onSuccess.accept(value);
        } else {
            failActive();
            if (replacesResult) {
                clearResults();
            }
            failure = new Failure(failureSummary, error);
        }
        publish();
    }

    private void onStage(String s, Double fraction) {
        stage = s;
        switch (s) {
            case "synthesis" -> active(0);
            case "proving" -> {
                done(0, "Keys ready");
                active(1);
            }
            default -> { }
        }
        progress = fraction == null ? -1 : fraction;
    }

    /** Minutes and seconds, as the elapsed clock shows them. */
    public static String elapsed(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        return String.format(Locale.US, "%d:%02d", s / 60, s % 60);
    }

    private void resetSteps() {
        activeStep = -1;
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new Step(STEP_NAMES.get(i), StepStatus.WAITING, null);
        }
    }

    private void active(int i) {
        activeStep = i;
        steps[i] = new Step(STEP_NAMES.get(i), StepStatus.ACTIVE, null);
    }

    private void done(int i, String note) {
        if (activeStep == i) {
            activeStep = -1;
        }
        steps[i] = new Step(STEP_NAMES.get(i), StepStatus.DONE, note);
    }

    private void failActive() {
        if (activeStep >= 0) {
            steps[activeStep] = new Step(STEP_NAMES.get(activeStep), StepStatus.STOPPED, null);
            activeStep = -1;
        }
    }

    private void publish() {
        Running r = running;
        Job job = r == null ? null : new Job(r.what, r.startedAt, cancelling);
        state = new State(code, title, backend, environment, job, activity, progress, stage, List.of(steps), shown, bundle,
                report, leo, batch, failure);
        listener.accept(state);
    }
}
