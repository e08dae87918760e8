package io.zkml.workbench.ui.prove;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.ReportParts;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoInstallation;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.ui.code.GeneratedCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prove tab's workflow without a window or a sidecar: iris-tiny's real program and input
 * encoding, with snarkVM's answers recorded (the bundle is the real iris-tiny proof the audit test
 * reads); the jobs queue on a worker the test runs step by step, so every state in between is
 * seen. Real snarkVM runs behind the same session in {@code ui.ProvingPanelTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProveSessionTest {

    static final Path BUNDLE = Path.of("src/test/resources/io/zkml/workbench/ui/iris-tiny-row0.zip");

    private GeneratedCode code;
    private ProofBundle recordedBundle;
    private final Queue worker = new Queue();
    private final RecordedProver prover = new RecordedProver();
    private long now;
    private ProveSession session;
    private final List<ProveSession.State> states = new ArrayList<>();

    @TempDir
    Path dir;

    /** The proving worker, run by the test: one job at a time, in order. */
    static final class Queue implements Executor {
        final ArrayDeque<Runnable> jobs = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            jobs.add(r);
        }

        void runAll() {
            while (!jobs.isEmpty()) {
                jobs.poll().run();
            }
        }
    }

    /** snarkVM's and Leo's answers, recorded; each call can instead throw what the test sets. */
    final class RecordedProver implements Prover {
        RuntimeException failNext;
        int cancels;
        int warmUps;
        int executions;
        boolean leoInstalled;
        final List<Integer> probedDegrees = new ArrayList<>();
        Consumer<Progress> duringProof = p -> { };

        private void maybeFail() {
            RuntimeException f = failNext;
            failNext = null;
            if (f != null) {
                throw f;
            }
        }

        @Override
        public ProvingEnvironment probe(int srsDegreeLog2) {
            probedDegrees.add(srsDegreeLog2);
            return new ProvingEnvironment(Optional.of("v20.0.0"), null, true, dir, List.of(),
                    leoInstalled ? Optional.of(new LeoInstallation(dir.resolve("leo"), "leo 3.1.0")) : Optional.empty());
        }

        @Override
        public ExecutionResult execute(CompiledModel compiled, SampleRow row) {
            executions++;
            maybeFail();
            return new ExecutionResult(row.expectedOutputs(), null, true, 0, 1500);
        }

        @Override
        public ProofBundle prove(GeneratedCode g, ProofRequest request, Progress progress) {
            maybeFail();
            progress.stage("synthesis", null);
            progress.stage("proving", 0.5);
            duringProof.accept(progress);
            return recordedBundle;
        }

        @Override
        public LeoResult withLeo(GeneratedCode g, ProofRequest request, Path saveDir, Progress progress) throws Exception {
            maybeFail();
            Path tx = saveDir == null ? null : Files.writeString(saveDir.resolve("tx.json"), "{}");
            return new LeoResult(request.expectedOutputs(), null, tx, "");
        }

        @Override
        public BatchProver.Summary proveRows(GeneratedCode g, List<SampleRow> rows, RowsRequest request,
                Consumer<BatchProver.RowResult> onRow, Progress progress) {
            maybeFail();
            List<BatchProver.RowResult> out = new ArrayList<>();
            for (SampleRow r : rows) {
                BatchProver.RowResult rr = new BatchProver.RowResult(r.index(), BatchProver.Status.proven, "row-" + r.index()
                        + ".zip", r.expectedOutputs(), null, null, null, true, 1L, null, null);
                out.add(rr);
                onRow.accept(rr);
            }
            return new BatchProver.Summary(out, request.outDir().resolve(BatchProver.SUMMARY));
        }

        @Override
        public VerificationReport verify(ProofBundle bundle, Progress progress) {
            maybeFail();
            // Any report will do: the session shows the verifier's report as it is.
            return ReportParts.malformed("recorded.zip", "a recorded answer");
        }

        @Override
        public void cancel() {
            cancels++;
        }

        @Override
        public void warmUp() {
            warmUps++;
        }

        @Override
        public String hash(String algorithm, String literal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ProcessHandle> sidecarProcess() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    void compileIrisTiny() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        code = GeneratedCode.generate(ModelCompiler.standard(), s, spec, CompileSettings.defaults(), null,
                new SegmentPrices(), () -> false);
        recordedBundle = ProofBundle.read(BUNDLE);
    }

    @BeforeEach
    void newSession() {
        session = new ProveSession(prover, worker, Runnable::run, Runnable::run, () -> now);
        session.setListener(states::add);
        session.show(code);
    }

    private ProofInput row(int i) {
        return ProofInput.ofRow(code.session(), i);
    }

    private ProveSession.State state() {
        return session.state();
    }

    @Test
    void aChainIsProbedForTheSrsOfItsLargestTransition() throws Exception {
        // digits-cnn cut after its reshape: the entry needs 2^16, the program it calls 2^19. The tab probed (and
        // named) the entry's degree, where the batch proof needs the largest, which the dashboard shows.
        ModelSession s = ModelSession.open(Path.of("sample-models", "digits-cnn.zip"), null);
        GeneratedCode chain = GeneratedCode.generate(ModelCompiler.standard(), s, s.calibrate(),
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("conv_reshape"))), null,
                new SegmentPrices(), () -> false);
        assertEquals(16, chain.compiled().cost().srsDegreeLog2(), "the entry's own degree");
        assertEquals(19, chain.compiled().srsDegreeLog2());
        prover.probedDegrees.clear();
        session.show(chain);
        assertEquals(List.of(19), prover.probedDegrees);
        assertEquals(19, state().environment().srsDegreeLog2());
    }

    @Test
    void theSidecarWarmsUpWhileTheTabShowsOncePerProcess() {
        assertEquals(0, prover.warmUps, "not while the Prove tab is hidden");
        session.setShowing(true);
        assertEquals(1, prover.warmUps, "the tab shows a program and snarkVM is there to prove it");
        session.setShowing(false);
        session.setShowing(true);
        session.show(code);
        assertEquals(1, prover.warmUps, "once per sidecar process");

        session.prove(() -> row(0));
        session.cancel();
        worker.runAll();
        assertEquals(2, prover.warmUps, "Cancel killed the process: the next one warms up while the tab shows");

        session.setShowing(false);
        session.prove(() -> row(0));
        session.cancel();
        worker.runAll();
        session.setBackend(ProveSession.Backend.LEO);
        session.setShowing(true);
        assertEquals(2, prover.warmUps, "nor for Leo, which runs no sidecar");
    }

    @Test
    void aRunIsBusyUntilTheWorkerAnswersThenShowsTheDecodedOutput() {
        assertEquals("iris_tiny.aleo / main · constant weights · consensus " + code.compiled().settings().consensus(),
                state().title());
        assertTrue(state().canRun() && state().canProveRows());
        assertFalse(state().canVerify() || state().canSave() || state().canCancel());

        now = 1_000_000_000L;
        session.run(() -> row(0));
        assertTrue(state().busy());
        assertEquals("Run", state().job().what());
        assertFalse(state().canRun() || state().canVerify() || state().canProveRows());
        assertTrue(state().canCancel());
        assertEquals(-1, state().progress(), "indeterminate until the sidecar says more");

        now += 65_000_000_000L;
        worker.runAll();
        assertFalse(state().busy());
        assertEquals("Done in 1:05", state().activity());
        assertEquals(0, state().progress());
        RunResult r = state().lastRun();
        assertNotNull(r);
        assertTrue(r.matchesSimulator());
        assertEquals(3, r.floatOutput().length, "the float model's three iris classes");
        assertEquals(code.compiled().output().labelOf(r.decoded().classIndex()), r.decoded().classLabel());
        assertTrue(states.stream().anyMatch(s -> s.activity().startsWith("Running iris_tiny.aleo in snarkVM")),
                "the worker's messages reach the state");
    }

    @Test
    void aProofTicksTheChecklistAndCanBeVerifiedAndSavedAfterARun() throws Exception {
        session.prove(() -> row(0));
        worker.runAll();
        assertSame(recordedBundle, state().bundle());
        assertInstanceOf(ProveSession.Proven.class, state().shown());
        assertTrue(states.stream().anyMatch(s -> "proving".equals(s.stage()) && s.progress() == 0.5
                && s.steps().get(0).text().equals("Synthesize proving keys — Keys ready")
                && s.steps().get(1).status() == ProveSession.StepStatus.ACTIVE));
        assertEquals(List.of(ProveSession.StepStatus.DONE, ProveSession.StepStatus.DONE, ProveSession.StepStatus.DONE),
                state().steps().stream().map(ProveSession.Step::status).toList());
        assertTrue(state().steps().get(2).text().startsWith("Check outputs against the simulator — Outputs match"));
        assertTrue(state().canVerify() && state().canSave());

        // A run replaces what is shown but not the proof: Verify and Save still act on it.
        session.run(() -> row(1));
        worker.runAll();
        assertNotNull(state().lastRun());
        assertSame(recordedBundle, state().bundle());

        session.verify();
        assertNull(state().shown(), "a new job clears the old result");
        worker.runAll();
        ProveSession.Verified v = assertInstanceOf(ProveSession.Verified.class, state().shown());
        assertSame(state().report(), v.report(), "the verifier's own report is shown");
        assertFalse(v.report().valid());

        Path zip = dir.resolve(ProveSession.bundleFileName(recordedBundle));
        assertEquals("iris_tiny-row0.zip", zip.getFileName().toString());
        session.save(zip);
        assertSame(v, state().shown(), "saving keeps what is shown");
        worker.runAll();
        assertEquals("Saved " + zip, state().activity());
        assertEquals(recordedBundle.manifest().publicOutputs(), ProofBundle.read(zip).manifest().publicOutputs());
    }

    @Test
    void aFailedJobLeavesNoEarlierResultAndStopsItsStep() {
        session.run(() -> row(0));
        worker.runAll();
        assertNotNull(state().lastRun());

        // The input is read before anything starts: a bad one is a failure of its own.
        session.prove(() -> {
            throw new WorkbenchException("the model takes 4 values; 2 were typed");
        });
        assertFalse(state().busy());
        assertEquals("Check the input", state().failure().summary());
        assertNull(state().shown(), "the earlier run's result is gone");

        prover.failNext = new WorkbenchException("snarkVM said no");
        prover.duringProof = p -> { };
        session.prove(() -> row(0));
        assertNull(state().failure(), "a new job clears the last failure");
        worker.runAll();
        assertEquals("Proving failed", state().failure().summary());
        assertEquals("snarkVM said no", state().failure().cause().getMessage());
        assertNull(state().shown());
        assertNull(state().bundle());
        assertTrue(state().canRun());
    }

    @Test
    void cancelStaysBusyUntilTheSidecarIsGoneAndDropsTheJobsAnswers() {
        List<ProveSession.State> atCancel = new ArrayList<>();
        // Cancel comes while snarkVM proves; the job still reports and answers before it notices.
        prover.duringProof = p -> {
            session.cancel();
            atCancel.add(state());
            p.message("a late message");
            p.stage("proving", 0.9);
            assertTrue(p.isCancelled());
        };
        session.prove(() -> row(1));
        worker.runAll();
        ProveSession.State cancelling = atCancel.get(0);
        assertEquals(1, prover.cancels, "the sidecar is killed at once, beside the worker");
        assertTrue(cancelling.job().cancelling());
        assertEquals("Cancelling: stopping snarkVM…", cancelling.activity());
        assertFalse(cancelling.canCancel(), "Cancel is spent");
        assertFalse(cancelling.canRun() || cancelling.canVerify(), "nothing starts until the cancelled job has returned");
        assertEquals(ProveSession.StepStatus.STOPPED, cancelling.steps().get(1).status(), "the step under way stopped");
        assertFalse(states.stream().anyMatch(x -> x.activity().equals("a late message") || x.progress() == 0.9),
                "reports of a cancelled job are dropped");

        assertFalse(state().busy(), "ready once what Cancel queued behind the job has run");
        assertEquals("Proof cancelled. snarkVM was stopped; the next Run or Prove starts it afresh.", state().activity());
        assertNull(state().failure(), "a cancel is not an error");
        assertNull(state().bundle(), "the cancelled job's answer is dropped");
        assertFalse(state().canVerify());
        assertTrue(state().canRun());

        // A job cancelled before the worker reached it never runs.
        prover.duringProof = p -> { };
        session.run(() -> row(0));
        session.cancel();
        worker.runAll();
        assertEquals(2, prover.cancels);
        assertEquals(0, prover.executions);
        assertTrue(state().activity().startsWith("Run cancelled."));
        assertNull(state().lastRun());
    }

    @Test
    void leoRunsAndProvesAndItsTransactionIsWhatSaveWrites() throws Exception {
        prover.leoInstalled = true;
        session.show(code); // probe again, now with Leo
        assertTrue(state().leoAvailable());
        session.setBackend(ProveSession.Backend.LEO);
        assertFalse(state().canProveRows(), "batches write snarkVM bundles");

        session.run(() -> row(3));
        worker.runAll();
        LeoOutcome run = state().leo();
        assertFalse(run.proven());
        assertSame(run, state().shown());
        assertFalse(state().canSave(), "leo run saves no transaction");

        session.prove(() -> row(3));
        worker.runAll();
        assertTrue(state().leo().proven());
        assertEquals("leo 3.1.0", state().leo().leoVersion(), "the version the probe found");
        assertTrue(state().canSave());
        assertNull(state().bundle(), "Leo makes no proof bundle");
        Path target = dir.resolve("saved-tx.json");
        session.saveTransaction(target);
        worker.runAll();
        assertEquals("{}", Files.readString(target));

        // Back to snarkVM: a Leo transaction belongs to the backend that made it.
        session.setBackend(ProveSession.Backend.SNARKVM);
        assertNull(state().leo());
        assertNull(state().shown());
        assertFalse(state().canSave());

        // A Leo that disappears takes the Leo choice with it.
        session.setBackend(ProveSession.Backend.LEO);
        prover.leoInstalled = false;
        session.show(code);
        assertEquals(ProveSession.Backend.SNARKVM, state().backend());
    }

    @Test
    void rowsAreProvenWithProgressAndANewProgramClearsEverything() {
        Path out = dir.resolve("batch");
        session.proveRows(new RowsRequest(2, 3, out, true));
        worker.runAll();
        BatchProver.Summary s = state().batch();
        assertEquals(List.of(2, 3, 4), s.rows().stream().map(BatchProver.RowResult::row).toList());
        assertInstanceOf(ProveSession.Batch.class, state().shown());
        assertTrue(states.stream().anyMatch(x -> x.activity().equals("Row 3 proven (2 of 3)")
                && Math.abs(x.progress() - 2 / 3.0) < 1e-9));

        // The same program again keeps the result; no program at all clears what is shown.
        session.show(code);
        assertSame(s, state().batch());
        session.showMessage("Nothing to prove: because");
        assertEquals("Nothing to prove: because", state().title());
        assertNull(state().shown());
        assertFalse(state().canRun());
    }
}
