package io.zkml.workbench.ui;

import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.ui.code.GeneratedCode;
import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.ProvingWorkflow;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarProgress;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs, proves and verifies the generated program on one input with the real snarkVM, through the
 * same bundle API as {@code zkml prove} and {@code zkml verify}. Everything slow runs on the
 * panel's own worker, so a minute-long proof never blocks opening or editing models.
 */
public final class ProvingPanel extends ScrollPane implements AutoCloseable {

    /** What one Run showed: the program's decoded output next to the simulator's and the float model's. */
    record RunResult(SampleRow row, ExecutionResult execution, DecodedOutput decoded, float[] floatOutput) {

        boolean matchesSimulator() {
            return OutputDecoder.modelOutputs(execution.outputs()).equals(row.expectedOutputs());
        }
    }

    /**
     * What the Leo CLI computed for one input ({@link LeoProver} has already held it to the
     * simulator); {@code proven} for {@code leo execute}, whose transaction Leo saved.
     */
    record LeoOutcome(SampleRow row, LeoResult result, DecodedOutput decoded, boolean proven, String leoVersion) {
    }

    private final Supplier<Window> owner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-proving");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<SidecarProgress> progressSink = p -> { };
    private final SidecarClient client = new SidecarClient(SidecarConfig.fromEnvironment(), p -> progressSink.accept(p));
    private final LeoBackend leo = LeoBackend.fromEnvironment();

    /** snarkVM's hash of an Aleo value through this panel's sidecar (started on first use); any thread. */
    String hash(String algorithm, String literal) {
        return client.hash(algorithm, literal, "field");
    }

    private final Label program = new Label("No program");
    private final RadioButton snarkVm = new RadioButton("snarkVM (Node.js sidecar)");
    private final RadioButton leoCli = new RadioButton("Leo CLI");
    private final VBox environment = new VBox(4);
    private final InputPicker input = new InputPicker();
    final Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY));
    final Button prove = new Button("Prove", new FontIcon(MaterialDesignS.SHIELD_LOCK_OUTLINE));
    final Button cancel = new Button("Cancel", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
    final Button verify = new Button("Verify", new FontIcon(MaterialDesignC.CHECK_DECAGRAM));
    final Button save = new Button("Save proof bundle…", new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
    final Button proveRows = new Button("Prove rows…", new FontIcon(MaterialDesignF.FORMAT_LIST_CHECKS));
    private final StepList steps = new StepList("Synthesize proving keys", "Prove (snarkVM Varuna)",
            "Check outputs against the simulator");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label elapsed = new Label();
    private final Label activity = new Label();
    private final VBox result = new VBox(6);
    private final HBox error = new HBox(8);
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));

    private final ReadOnlyObjectWrapper<RunResult> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyObjectWrapper<ProofBundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final ReadOnlyObjectWrapper<VerificationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<String> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<LeoOutcome> lastLeo = new ReadOnlyObjectWrapper<>(this, "lastLeo");
    private final ReadOnlyObjectWrapper<BatchProver.Summary> batch = new ReadOnlyObjectWrapper<>(this, "batch");
    /** The stage the sidecar last reported for the work in progress ("synthesis", "proving", …). */
    private final ReadOnlyObjectWrapper<String> stage = new ReadOnlyObjectWrapper<>(this, "stage");
    private GeneratedCode code;
    private Task<?> current;
    /** What {@link #current} does, for messages: "Run", "Proof", "Verification", "Saving". */
    private String currentWhat;
    /** True from Cancel until the cancelled work has stopped and the sidecar is gone. */
    private boolean cancelling;
    private long startedAt;

    ProvingPanel(Supplier<Window> owner) {
        this.owner = owner;
        getStyleClass().add("proving-panel");
        setFitToWidth(true);
        program.getStyleClass().add(Styles.TITLE_4);
        program.setId("provingProgram");

        ToggleGroup backend = new ToggleGroup();
        snarkVm.setToggleGroup(backend);
        leoCli.setToggleGroup(backend);
        snarkVm.setSelected(true);
        leoCli.setDisable(true);
        leoCli.setId("leoBackend");

        run.setId("runButton");
        prove.setId("proveButton");
        cancel.setId("cancelButton");
        verify.setId("verifyButton");
        save.setId("saveBundle");
        proveRows.setId("proveRowsButton");
        proveRows.setTooltip(new Tooltip("Prove a range of dataset rows into a folder, one bundle per row "
                + "(as zkml prove --rows-from)"));
        prove.getStyleClass().add(Styles.ACCENT);
        cancel.getStyleClass().add(Styles.DANGER);
        run.setOnAction(e -> run());
        prove.setOnAction(e -> prove());
        cancel.setOnAction(e -> cancelWork());
        verify.setOnAction(e -> verify());
        save.setOnAction(e -> chooseSave());
        proveRows.setOnAction(e -> chooseRows());
        FlowPane actions = new FlowPane(8, 8, run, prove, cancel, verify, save, proveRows);

        progress.setMaxWidth(Double.MAX_VALUE);
        elapsed.setId("provingElapsed");
        elapsed.getStyleClass().add(Styles.TEXT_MUTED);
        activity.setId("provingActivity");
        activity.setWrapText(true);
        activity.getStyleClass().add(Styles.TEXT_MUTED);
        HBox progressLine = new HBox(8, progress, elapsed);
        progressLine.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, javafx.scene.layout.Priority.ALWAYS);
        result.setId("provingResult");
        error.setId("provingError");
        error.getStyleClass().add("proving-error");
        error.setAlignment(Pos.CENTER_LEFT);

        // Shown only when there is something to say, so an empty box never looks like an error.
        error.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error.getChildren()));
        error.managedProperty().bind(error.visibleProperty());
        VBox backendBox = section("Backend", new VBox(4, snarkVm, leoCli));
        VBox environmentBox = section("Environment", environment);
        HBox.setHgrow(backendBox, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(environmentBox, javafx.scene.layout.Priority.ALWAYS);
        backendBox.setPrefWidth(1);
        environmentBox.setPrefWidth(1);
        VBox content = new VBox(12, program,
                new HBox(16, backendBox, environmentBox),
                section("Input", input),
                actions, error, progressLine, activity, result,
                section("Proof", steps));
        content.getStyleClass().add("proving-content");
        setContent(content);
        clock.setCycleCount(Timeline.INDEFINITE);
        bundle.addListener(o -> updateButtons());
        lastLeo.addListener(o -> updateButtons());
        snarkVm.selectedProperty().addListener(o -> {
            // A bundle or a Leo transaction belongs to the backend that made it.
            bundle.set(null);
            report.set(null);
            lastLeo.set(null);
            clearResults();
            save.setText(snarkVm.isSelected() ? "Save proof bundle…" : "Save Leo transaction…");
            updateButtons();
        });
        showMessage("The program is generated once the model has been evaluated");
    }

    private static VBox section(String title, javafx.scene.Node body) {
        Label t = new Label(title.toUpperCase(Locale.ROOT));
        t.getStyleClass().add("section-title");
        VBox box = new VBox(6, t, body);
        box.getStyleClass().add("proving-section");
        return box;
    }

    // ---- model and environment ------------------------------------------------------------

    private static java.util.List<String> texts(GeneratedCode g) {
        return g.compiled().segments().stream().map(io.zkml.workbench.export.CompiledSegment::aleoText).toList();
    }

    void show(GeneratedCode g) {
        // Every program of a chain counts: moving a later cut leaves the entry's text as it was.
        boolean newProgram = code == null || !texts(code).equals(texts(g));
        code = g;
        program.setText(g.compiled().programId() + " / " + g.compiled().function() + " · "
                + g.compiled().weightsMode().cliName() + " weights · consensus " + g.compiled().settings().consensus()
                + (g.compiled().isChain() ? " · " + g.compiled().segments().size() + " transitions" : ""));
        input.setSession(g.session());
        if (newProgram) {
            bundle.set(null);
            report.set(null);
            lastLeo.set(null);
            batch.set(null);
            steps.reset();
            clearResults();
        }
        probeEnvironment(g.compiled().cost().srsDegreeLog2());
        updateButtons();
    }

    void showMessage(String text) {
        code = null;
        clearResults();
        program.setText(text);
        program.setWrapText(true);
        updateButtons();
    }

    void showInputsOf(io.zkml.workbench.session.ModelSession session) {
        input.setSession(session);
    }

    private void probeEnvironment(int degree) {
        SidecarConfig config = client.config();
        Task<ProvingEnvironment> t = new Task<>() {
            @Override
            protected ProvingEnvironment call() {
                return ProvingEnvironment.probe(config, degree, leo);
            }
        };
        t.setOnSucceeded(e -> showEnvironment(t.getValue(), degree));
        // The probe is short; it must not queue behind a running proof.
        Thread th = new Thread(t, "workbench-proving-probe");
        th.setDaemon(true);
        th.start();
    }

    private void showEnvironment(ProvingEnvironment env, int degree) {
        environment.getChildren().setAll(
                status(env.nodeVersion().isPresent(), env.nodeVersion().map(v -> "Node.js " + v)
                        .orElse("Node.js: " + env.nodeProblem())),
                status(env.sidecarReady(), env.sidecarReady() ? "snarkVM sidecar installed (@provablehq/sdk)"
                        : "sidecar packages missing: run 'npm ci' in " + env.sidecarDir()));
        for (ProvingEnvironment.Parameter p : env.parameters()) {
            String size = p.bytes() < 0 ? "" : " (" + mib(p.bytes()) + ")";
            environment.getChildren().add(status(p.cached(), p.cached()
                    ? "SRS " + p.name() + size + " cached"
                    : "SRS " + p.name() + ": to download" + size + " on first proof"));
        }
        Label srs = new Label("Circuit needs SRS degree 2^" + degree);
        srs.getStyleClass().add(Styles.TEXT_MUTED);
        environment.getChildren().add(srs);
        leoCli.setDisable(env.leoCli().isEmpty());
        leoCli.setText(env.leoCli().map(l -> "Leo CLI (" + l.version() + "): Run is `leo run`, Prove is `leo execute` "
                + "on an export of this program").orElse("Leo CLI: not found"));
        leoCli.setWrapText(true);
        leoCli.setTooltip(new Tooltip(env.leoCli().map(l -> "Leo at " + l.executable()).orElse("Install Leo ("
                + LeoBackend.INSTALL_URL + ") and put leo on PATH, or point -D" + LeoBackend.PATH_PROPERTY
                + " or ZKML_LEO_PATH at its folder")));
        if (env.leoCli().isEmpty() && leoCli.isSelected()) {
            snarkVm.setSelected(true);
        }
        environment.setUserData(env);
    }

    private static String mib(long bytes) {
        return String.format(Locale.US, "%.0f MiB", bytes / 1048576.0);
    }

    private static Label status(boolean ok, String text) {
        Label l = new Label(text, new FontIcon(ok ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignC.CLOSE_CIRCLE));
        l.getStyleClass().add(ok ? "status-ok" : "status-missing");
        l.setWrapText(true);
        return l;
    }

    // ---- actions ------------------------------------------------------------------------------

    private void run() {
        GeneratedCode g = code;
        InputPicker.Choice choice = choose();
        if (g == null || choice == null) {
            return;
        }
        if (leoCli.isSelected()) {
            withLeo(g, choice, false);
            return;
        }
        start("Run", new Task<RunResult>() {
            @Override
            protected RunResult call() {
                updateMessage("Encoding the input…");
                SampleRow row = choice.encode(g.compiled());
                updateMessage("Running " + g.compiled().programId() + " in snarkVM (the first run synthesizes its keys, "
                        + "about a minute; later runs reuse them)…");
                ExecutionResult ex = client.execute(g.compiled().aleoText(), g.compiled().function(), row.inputs());
                float[] fl = new FloatInterpreter(g.session().graph()).output(choice.normalized());
                return new RunResult(row, ex, OutputDecoder.decode(g.compiled().output(), ex.outputs()), fl);
            }
        }, "Run failed", r -> {
            lastRun.set(r);
            showRun(r);
        });
    }

    private void prove() {
        GeneratedCode g = code;
        InputPicker.Choice choice = choose();
        if (g == null || choice == null) {
            return;
        }
        steps.reset();
        report.set(null);
        bundle.set(null);
        if (leoCli.isSelected()) {
            withLeo(g, choice, true);
            return;
        }
        start("Proof", new Task<ProofBundle>() {
            @Override
            protected ProofBundle call() throws Exception {
                updateMessage("Encoding the input…");
                SampleRow row = choice.encode(g.compiled());
                progressSink = p -> Platform.runLater(() -> onProgress(p));
                try {
                    // The one proving workflow `zkml prove MODEL` runs: export aside, prove, check, clean up.
                    return new ProvingWorkflow(client, this::updateMessage).prove(g.session(), g.compiled(),
                            new ProofRequest(row.index() < 0 ? null : row.index(), row.inputs(), row.expectedOutputs()),
                            null, this::isCancelled);
                } finally {
                    progressSink = p -> { };
                }
            }
        }, "Proving failed", b -> {
            steps.done(0, b.manifest().keysFromCache() ? "Keys from cache" : String.format(Locale.US,
                    "Keys synthesized in %.1f s", b.manifest().timings().synthesisMs() / 1000.0));
            steps.done(1, String.format(Locale.US, "Proved in %.1f s", b.manifest().timings().provingMs() / 1000.0));
            steps.done(2, "Outputs match the simulator: " + String.join(", ", b.manifest().publicOutputs()));
            bundle.set(b);
            result.getChildren().setAll(headline("Proof ready: " + describe(b.manifest().decoded().classLabel(),
                    b.manifest().publicOutputs())), muted(String.format(Locale.US, "%,d constraints · SRS 2^%d · %s",
                    b.manifest().circuit().constraints(), b.manifest().circuit().srsDegreeLog2(),
                    b.manifest().versions().sdk())));
        });
    }

    /** Run ({@code leo run}) or Prove ({@code leo execute}) with the user's Leo CLI, on an export of this program. */
    private void withLeo(GeneratedCode g, InputPicker.Choice choice, boolean proveIt) {
        lastLeo.set(null);
        // The Leo the environment probe found (the choice is only enabled once it has): no third `leo --version`.
        String version = environment.getUserData() instanceof ProvingEnvironment env
                ? env.leoCli().map(io.zkml.workbench.prove.LeoInstallation::version).orElse("Leo") : "Leo";
        start(proveIt ? "Proof" : "Run", new Task<LeoOutcome>() {
            @Override
            protected LeoOutcome call() throws Exception {
                updateMessage("Encoding the input…");
                SampleRow row = choice.encode(g.compiled());
                Path saveDir = proveIt ? Files.createTempDirectory("zkml-leo-") : null;
                updateMessage(proveIt ? "leo execute: Leo synthesizes keys and proves (minutes)…" : "leo run…");
                LeoResult r = new ProvingWorkflow(client, this::updateMessage).withLeo(leo, g.session(), g.compiled(),
                        new ProofRequest(row.index() < 0 ? null : row.index(), row.inputs(), row.expectedOutputs()),
                        saveDir, this::isCancelled);
                return r == null ? null : new LeoOutcome(row, r, OutputDecoder.decode(g.compiled().output(), r.outputs()),
                        proveIt, version);
            }
        }, proveIt ? "Proving with Leo failed" : "Leo run failed", this::showLeo);
    }

    private void showLeo(LeoOutcome o) {
        if (o == null) {
            return;
        }
        lastLeo.set(o);
        result.getChildren().setAll(headline(describe(o.decoded().classLabel(), o.decoded().aleo())),
                status(true, o.leoVersion() + " output " + String.join(", ", o.result().outputs())
                        + " — matches the bit-exact simulator"));
        if (o.proven()) {
            result.getChildren().add(muted(o.result().transaction() == null
                    ? "Leo did not save a transaction"
                    : "Leo's transaction: " + o.result().transaction() + " (Leo's format: save it with "
                    + "Save Leo transaction…; zkml verify reads proof bundles made with the snarkVM backend)"));
        }
        if (o.result().circuit() != null) {
            result.getChildren().add(muted(String.format(Locale.US, "%,d constraints (Leo)", o.result().circuit().constraints())));
        }
    }

    private void chooseRows() {
        GeneratedCode g = code;
        int rows = g == null ? 0 : g.session().dataset().map(io.zkml.workbench.data.Dataset::size).orElse(0);
        if (rows == 0) {
            return;
        }
        Integer selected = input.row.getValue();
        Path suggested = Path.of(System.getProperty("user.home"), g.compiled().program().programName() + "-proofs");
        ProveRowsDialog.ask(owner.get(), rows, selected == null ? 0 : selected, suggested).ifPresent(this::proveRows);
    }

    /** Proves dataset rows into a folder with the one batch prover {@code zkml prove --rows-from} uses. */
    Task<BatchProver.Summary> proveRows(ProveRowsDialog.Request request) {
        GeneratedCode g = code;
        batch.set(null);
        bundle.set(null);
        report.set(null);
        steps.reset();
        return start("Batch proof", new Task<BatchProver.Summary>() {
            @Override
            protected BatchProver.Summary call() {
                updateMessage("Encoding rows " + request.first() + "–" + (request.first() + request.count() - 1) + "…");
                List<SampleRow> rows = encodeRows(g, request.first(), request.count());
                int[] done = {0};
                return new ProvingWorkflow(client, m -> { }).proveRows(g.session(), g.compiled(), rows, request.outDir(),
                        request.resume(), r -> {
                            done[0]++;
                            double fraction = done[0] / (double) rows.size();
                            Platform.runLater(() -> progress.setProgress(fraction));
                            updateMessage(String.format(Locale.US, "Row %d %s (%d of %d)", r.row(),
                                    r.status().name().replace('_', ' '), done[0], rows.size()));
                        }, this::isCancelled);
            }
        }, "Proving rows failed", this::showBatch);
    }

    private static List<SampleRow> encodeRows(GeneratedCode g, int first, int count) {
        io.zkml.workbench.data.Dataset d = g.session().dataset().orElseThrow();
        float[][] norm = java.util.Arrays.copyOfRange(g.session().normalizedFeatures(), first, first + count);
        float[][] raw = java.util.Arrays.copyOfRange(d.features(), first, first + count);
        int[] labels = d.task() == io.zkml.workbench.data.TaskKind.CLASSIFICATION
                ? java.util.Arrays.copyOfRange(d.labels(), first, first + count) : null;
        return new RowEncoder(g.compiled()).encode(norm, raw, labels, first);
    }

    private void showBatch(BatchProver.Summary s) {
        if (s == null) {
            return;
        }
        batch.set(s);
        String headline = String.format(Locale.US, "%d proven, %d skipped (already proven), %d failed%s",
                s.count(BatchProver.Status.proven), s.count(BatchProver.Status.skipped), s.count(BatchProver.Status.failed),
                s.count(BatchProver.Status.not_attempted) == 0 ? ""
                        : ", " + s.count(BatchProver.Status.not_attempted) + " not attempted");
        result.getChildren().setAll(headline(headline), muted("Summary: " + s.summaryFile()));
        for (BatchProver.RowResult r : s.rows()) {
            if (r.status() == BatchProver.Status.failed) {
                result.getChildren().add(status(false, "row " + r.row() + ": " + r.error()));
            }
        }
    }

    private void verify() {
        ProofBundle b = bundle.get();
        if (b == null) {
            return;
        }
        start("Verification", new Task<VerificationReport>() {
            @Override
            protected VerificationReport call() {
                updateMessage("Verifying the proof with snarkVM…");
                return new BundleVerifier(client, this::updateMessage).verify(b.manifest().programId(), b, Optional.empty());
            }
        }, "Verification failed", r -> {
            report.set(r);
            result.getChildren().setAll(new VerificationSummary(r));
        });
    }

    private void chooseSave() {
        LeoOutcome leoRun = lastLeo.get();
        if (leoRun != null && leoRun.result().transaction() != null) {
            chooseSaveTransaction(leoRun.result().transaction());
            return;
        }
        ProofBundle b = bundle.get();
        if (b == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save proof bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Proof bundle (*.zip)", "*.zip"));
        chooser.setInitialFileName(b.manifest().programId().replace(".aleo", "")
                + (b.manifest().row() == null ? "-input" : "-row" + b.manifest().row()) + ".zip");
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            save(f.toPath());
        }
    }

    private void chooseSaveTransaction(Path transaction) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Leo transaction");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Leo transaction (*.json)", "*.json"));
        chooser.setInitialFileName(transaction.getFileName().toString());
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            start("Saving", new Task<Path>() {
                @Override
                protected Path call() throws Exception {
                    io.zkml.workbench.io.AtomicFiles.write(f.toPath(), Files.readAllBytes(transaction));
                    return f.toPath();
                }
            }, "Could not save Leo's transaction", p -> activity.setText("Saved " + p));
        }
    }

    /** Writes the bundle zip atomically (the bundle API builds it in memory and moves it into place). */
    Task<Path> save(Path zip) {
        ProofBundle b = bundle.get();
        return start("Saving", new Task<Path>() {
            @Override
            protected Path call() {
                updateMessage("Writing " + zip.getFileName() + "…");
                b.writeZip(zip);
                return zip;
            }
        }, "Could not save the proof bundle", p -> activity.setText("Saved " + p));
    }

    private InputPicker.Choice choose() {
        try {
            return input.choice();
        } catch (RuntimeException e) {
            clearResults();
            showError("Check the input", e);
            return null;
        }
    }

    /**
     * Old results describe an earlier run: a new Run, Prove or Verify replaces them, and a failed one
     * must not leave them on screen under its error (they would read as this run's outcome).
     */
    private void clearResults() {
        result.getChildren().clear();
        lastRun.set(null);
    }

    private <T> Task<T> start(String what, Task<T> task, String failureSummary, Consumer<T> onSuccess) {
        // Saving writes the shown bundle; its result stays. Everything else produces a new one.
        boolean replacesResult = !"Saving".equals(what);
        current = task;
        currentWhat = what;
        stage.set(null);
        failure.set(null);
        error.getChildren().clear();
        if (replacesResult) {
            clearResults();
        }
        activity.textProperty().bind(task.messageProperty());
        progress.setProgress(-1);
        startedAt = System.nanoTime();
        tick();
        clock.play();
        task.setOnSucceeded(e -> {
            finish();
            activity.setText("Done in " + elapsed.getText());
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish();
            steps.failActive();
            if (replacesResult) {
                clearResults();
            }
            showError(failureSummary, task.getException());
        });
        // Cancel already set the message; the panel is ready again only once the sidecar is gone.
        task.setOnCancelled(e -> {
            finish();
            steps.failActive();
        });
        updateButtons();
        worker.execute(task);
        return task;
    }

    private void finish() {
        String last = activity.getText();
        activity.textProperty().unbind();
        activity.setText(last);
        clock.stop();
        tick();
        progress.setProgress(0);
        current = null;
        updateButtons();
    }

    /**
     * Stops the work in progress: the task is cancelled and the sidecar process killed (the worker
     * is blocked inside it, and killing it is what stops snarkVM). The buttons stay disabled until
     * the cancelled task has returned and the process has exited, so the next Run or Prove starts
     * a fresh sidecar rather than queueing behind, or being killed with, the old one.
     */
    private void cancelWork() {
        Task<?> t = current;
        if (t == null || cancelling) {
            return;
        }
        String what = currentWhat;
        cancelling = true;
        activity.textProperty().unbind();
        activity.setText("Cancelling: stopping snarkVM…");
        updateButtons();
        t.cancel();
        Thread killer = new Thread(() -> {
            client.cancel();
            Runnable ready = () -> Platform.runLater(() -> cancelled(what));
            try {
                // The worker runs one task at a time, so this runs once the cancelled one has returned.
                worker.execute(ready);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                ready.run();
            }
        }, "workbench-proving-cancel");
        killer.setDaemon(true);
        killer.start();
    }

    private void cancelled(String what) {
        cancelling = false;
        activity.textProperty().unbind();
        activity.setText(what + " cancelled. snarkVM was stopped; the next Run or Prove starts it afresh.");
        updateButtons();
    }

    private void onProgress(SidecarProgress p) {
        if (current == null || cancelling) {
            return;
        }
        stage.set(p.stage());
        switch (p.stage()) {
            case "synthesis" -> steps.active(0);
            case "proving" -> {
                steps.done(0, "Keys ready");
                steps.active(1);
            }
            default -> { }
        }
        progress.setProgress(p.fraction() == null ? -1 : p.fraction());
    }

    private void tick() {
        long s = (System.nanoTime() - startedAt) / 1_000_000_000L;
        elapsed.setText(startedAt == 0 ? "" : String.format(Locale.US, "%d:%02d", s / 60, s % 60));
    }

    private void updateButtons() {
        boolean busy = current != null || cancelling;
        boolean usable = code != null;
        boolean leoTransaction = lastLeo.get() != null && lastLeo.get().result().transaction() != null;
        run.setDisable(busy || !usable);
        prove.setDisable(busy || !usable);
        cancel.setDisable(current == null || cancelling);
        verify.setDisable(busy || bundle.get() == null);
        save.setDisable(busy || (bundle.get() == null && !leoTransaction));
        // Batches write snarkVM proof bundles; Leo proves one input at a time (as the CLI).
        proveRows.setDisable(busy || !usable || !snarkVm.isSelected()
                || code.session().dataset().map(d -> d.size() == 0).orElse(true));
    }

    private void showError(String summary, Throwable t) {
        Label msg = new Label(summary + ": " + ErrorDialog.humanMessage(t), new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        msg.setWrapText(true);
        msg.setId("provingErrorText");
        Button details = new Button("Details…");
        details.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        details.setOnAction(e -> ErrorDialog.show(owner.get(), summary, t));
        HBox.setHgrow(msg, javafx.scene.layout.Priority.ALWAYS);
        error.getChildren().setAll(msg, details);
        failure.set(ErrorDialog.humanMessage(t));
    }

    private void showRun(RunResult r) {
        DecodedOutput d = r.decoded();
        result.getChildren().setAll(headline(describe(d.classLabel(), d.aleo())));
        result.getChildren().add(status(r.matchesSimulator(), "snarkVM output " + String.join(", ", d.aleo())
                + (r.matchesSimulator() ? " — matches the bit-exact simulator" : " — differs from the simulator's "
                + String.join(", ", r.row().expectedOutputs()))));
        String commitment = OutputDecoder.commitment(r.execution().outputs());
        if (commitment != null) {
            Label c = muted("Weights commitment (public): " + commitment);
            c.setId("weightsCommitment");
            c.setWrapText(true);
            result.getChildren().add(c);
        }
        if (r.row().label() != null) {
            result.getChildren().add(muted("Dataset label: " + code.compiled().output().labelOf(r.row().label())));
        }
        GridPane table = new GridPane();
        table.getStyleClass().add("output-table");
        table.setHgap(18);
        table.setVgap(2);
        table.addRow(0, muted("output"), muted("program"), muted("float model"));
        for (int i = 0; i < r.floatOutput().length; i++) {
            String programValue = d.dequantized().length > i ? Format.value(d.dequantized()[i])
                    : d.classIndex() != null && d.classIndex() == i ? "◀ chosen" : "";
            table.addRow(i + 1, new Label(code.compiled().output().labelOf(i)), new Label(programValue),
                    new Label(Format.value(r.floatOutput()[i])));
        }
        result.getChildren().add(table);
        result.getChildren().add(muted(String.format(Locale.US, "%,d constraints · keys %s · %.1f s",
                r.execution().circuit() == null ? 0 : r.execution().circuit().constraints(),
                r.execution().keysFromCache() ? "from cache" : "synthesized", r.execution().totalMs() / 1000.0)));
    }

    private static String describe(String label, java.util.List<String> outputs) {
        return label != null ? "Class: " + label : "Output: " + String.join(", ", outputs);
    }

    private static Label headline(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        l.setId("provingHeadline");
        l.setWrapText(true);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    // ---- for tests and the screenshot mode ---------------------------------------------------

    ReadOnlyObjectProperty<RunResult> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ProofBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<VerificationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LeoOutcome> lastLeoProperty() {
        return lastLeo.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<BatchProver.Summary> batchProperty() {
        return batch.getReadOnlyProperty();
    }

    void useLeo() {
        leoCli.setSelected(true);
    }

    boolean leoAvailable() {
        return !leoCli.isDisabled();
    }

    ReadOnlyObjectProperty<String> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<String> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    String activityText() {
        return activity.getText();
    }

    Optional<ProcessHandle> sidecarProcess() {
        return client.processHandle();
    }

    InputPicker input() {
        return input;
    }

    boolean resultIsEmpty() {
        return result.getChildren().isEmpty();
    }

    String headlineText() {
        return result.getChildren().stream().filter(n -> "provingHeadline".equals(n.getId())).findFirst()
                .map(n -> ((Label) n).getText()).orElse("");
    }

    @Override
    public void close() {
        clock.stop();
        worker.shutdownNow();
        client.close();
    }
}
