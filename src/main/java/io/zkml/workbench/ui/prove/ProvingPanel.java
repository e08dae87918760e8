package io.zkml.workbench.ui.prove;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.ui.ErrorDialog;
import io.zkml.workbench.ui.Tooltips;
import io.zkml.workbench.ui.Wrapped;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.ui.audit.VerificationSummary;
import io.zkml.workbench.ui.code.GeneratedCode;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
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
import javafx.scene.layout.Priority;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Prove tab: runs, proves and verifies the generated program on one input with the real
 * snarkVM. The workflow and its state are the {@link ProveSession}'s; this view renders each state
 * it publishes and turns clicks into its calls. Everything slow runs on the session's worker, so a
 * minute-long proof never blocks opening or editing models.
 */
public final class ProvingPanel extends ScrollPane implements AutoCloseable {

    private final Supplier<Window> owner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "workbench-proving"));
    private final ProveSession session;

    private final Label program = new Label();
    private final RadioButton snarkVm = new RadioButton("snarkVM (Node.js sidecar)");
    private final RadioButton leoCli = new RadioButton("Leo CLI");
    private final VBox environment = new VBox(4);
    private final InputPicker input = new InputPicker();
    public final Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY));
    public final Button prove = new Button("Prove", new FontIcon(MaterialDesignS.SHIELD_LOCK_OUTLINE));
    public final Button cancel = new Button("Cancel", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
    public final Button verify = new Button("Verify", new FontIcon(MaterialDesignC.CHECK_DECAGRAM));
    public final Button save = new Button("Save proof bundle…", new FontIcon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
    public final Button proveRows = new Button("Prove rows…", new FontIcon(MaterialDesignF.FORMAT_LIST_CHECKS));
    private final StepList steps = new StepList(ProveSession.STEP_NAMES.size());
    private final ProgressBar progress = new ProgressBar(0);
    private final Label elapsed = new Label();
    private final Label activity = new Label();
    private final VBox result = new VBox(6);
    private final HBox error = new HBox(8);
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
    private final ReadOnlyObjectWrapper<ProveSession.State> state = new ReadOnlyObjectWrapper<>(this, "state");
    /** When the shown job started (0: none yet), for the elapsed clock. */
    private long startedAt;
    /** True while a state is rendered, so the radio buttons set from it do not call back into the session. */
    private boolean rendering;

    public ProvingPanel(Supplier<Window> owner) {
        this.owner = owner;
        this.session = new ProveSession(new SidecarProver(), worker, r -> daemon(r, "workbench-proving-side").start(),
                Platform::runLater, System::nanoTime);
        getStyleClass().add("proving-panel");
        setFitToWidth(true);
        program.getStyleClass().add(Styles.TITLE_4);
        program.setId("provingProgram");
        Wrapped.wrapped(program);

        ToggleGroup backend = new ToggleGroup();
        snarkVm.setToggleGroup(backend);
        leoCli.setToggleGroup(backend);
        snarkVm.setSelected(true);
        leoCli.setDisable(true);
        leoCli.setId("leoBackend");
        leoCli.setText("Leo CLI");

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
        run.setOnAction(e -> session.run(input::choice));
        prove.setOnAction(e -> session.prove(input::choice));
        cancel.setOnAction(e -> session.cancel());
        verify.setOnAction(e -> session.verify());
        save.setOnAction(e -> chooseSave());
        proveRows.setOnAction(e -> chooseRows());
        FlowPane actions = new FlowPane(8, 8, run, prove, cancel, verify, save, proveRows);

        progress.setMaxWidth(Double.MAX_VALUE);
        elapsed.setId("provingElapsed");
        elapsed.getStyleClass().add(Styles.TEXT_MUTED);
        activity.setId("provingActivity");
        Wrapped.wrapped(activity);
        activity.getStyleClass().add(Styles.TEXT_MUTED);
        HBox progressLine = new HBox(8, progress, elapsed);
        progressLine.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        result.setId("provingResult");
        error.setId("provingError");
        error.getStyleClass().add("proving-error");
        error.setAlignment(Pos.CENTER_LEFT);

        // Shown only when there is something to say, so an empty box never looks like an error.
        error.visibleProperty().bind(Bindings.isNotEmpty(error.getChildren()));
        error.managedProperty().bind(error.visibleProperty());
        // Beside the environment the column is narrow in a small window or with large text: wrap, never cut.
        Wrapped.wrapped(snarkVm);
        Wrapped.wrapped(leoCli);
        VBox backendBox = section("Backend", new VBox(4, snarkVm, leoCli));
        VBox environmentBox = section("Environment", environment);
        // Side by side while each half has room for a readable column, one above the other below that (a small
        // window, large text), rather than halves too narrow for their titles.
        // Decided again when the width or the text size (A+) changes.
        FlowPane columns = new FlowPane(COLUMN_GAP, 12, backendBox, environmentBox);
        javafx.beans.InvalidationListener fit = o -> {
            double w = columns.getWidth();
            double half = (w - COLUMN_GAP) / 2;
            double each = half >= READABLE_COLUMN_EM * program.getFont().getSize() ? half : w;
            backendBox.setPrefWidth(each);
            environmentBox.setPrefWidth(each);
        };
        columns.widthProperty().addListener(fit);
        program.fontProperty().addListener(fit);
        VBox content = new VBox(12, program,
                columns,
                section("Input", input),
                actions, error, progressLine, activity, result,
                section("Proof", steps));
        content.getStyleClass().add("proving-content");
        setContent(content);
        clock.setCycleCount(Timeline.INDEFINITE);
        snarkVm.selectedProperty().addListener(o -> {
            if (!rendering) {
                session.setBackend(snarkVm.isSelected() ? ProveSession.Backend.SNARKVM : ProveSession.Backend.LEO);
            }
        });
        session.setListener(this::render);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static final double COLUMN_GAP = 16;
    /** The least width of the Backend and Environment columns side by side, in em of the panel's text. */
    private static final double READABLE_COLUMN_EM = 14;

    private static VBox section(String title, Node body) {
        Label t = new Label(title.toUpperCase(Locale.ROOT));
        t.getStyleClass().add("section-title");
        t.setMinWidth(Label.USE_PREF_SIZE); // one word: a column narrower than it stacks instead
        VBox box = new VBox(6, t, body);
        box.getStyleClass().add("proving-section");
        return box;
    }

    // ---- what the window calls ----------------------------------------------------------------

    public void show(GeneratedCode g) {
        input.setSession(g.session());
        session.show(g);
    }

    public void showMessage(String text) {
        session.showMessage(text);
    }

    /** The Prove tab came on screen or went off it (see {@link ProveSession#setShowing}). */
    public void setShowing(boolean shown) {
        session.setShowing(shown);
    }

    public void showInputsOf(ModelSession s) {
        input.setSession(s);
    }

    /** snarkVM's hash of an Aleo value through this panel's sidecar (started on first use); any thread. */
    public String hash(String algorithm, String literal) {
        return session.hash(algorithm, literal);
    }

    // ---- rendering a state ----------------------------------------------------------------------

    private void render(ProveSession.State s) {
        ProveSession.State before = state.get();
        rendering = true;
        try {
            program.setText(s.title());
            // Probed again for each program, mostly to the same findings: those are on screen already.
            if (before == null || !java.util.Objects.equals(before.environment(), s.environment())) {
                showEnvironment(s.environment());
            }
            (s.backend() == ProveSession.Backend.SNARKVM ? snarkVm : leoCli).setSelected(true);
            save.setText(s.backend() == ProveSession.Backend.SNARKVM ? "Save proof bundle…" : "Save Leo transaction…");
            run.setDisable(!s.canRun());
            prove.setDisable(!s.canRun());
            cancel.setDisable(!s.canCancel());
            verify.setDisable(!s.canVerify());
            save.setDisable(!s.canSave());
            proveRows.setDisable(!s.canProveRows());
            activity.setText(s.activity());
            progress.setProgress(s.progress());
            steps.show(s.steps());
            if (s.job() != null && !s.job().cancelling()) {
                startedAt = s.job().startedAtNanos();
                tick();
                clock.play();
            } else if (clock.getStatus() == javafx.animation.Animation.Status.RUNNING) {
                clock.stop();
                tick();
            }
            if (before == null || before.failure() != s.failure()) {
                showError(s.failure());
            }
            if (before == null || before.shown() != s.shown()) {
                showResult(s);
            }
        } finally {
            rendering = false;
        }
        state.set(s);
    }

    private void tick() {
        elapsed.setText(startedAt == 0 ? "" : ProveSession.elapsed(System.nanoTime() - startedAt));
    }

    private void showEnvironment(ProveSession.Environment probed) {
        if (probed == null) {
            return;
        }
        ProvingEnvironment env = probed.found();
        environment.getChildren().setAll(
                status(env.nodeVersion().isPresent(), env.nodeVersion().map(v -> "Node.js " + v)
                        .orElse("Node.js: " + env.nodeProblem())),
                status(env.sidecarReady(), env.sidecarReady() ? "snarkVM sidecar installed (@provablehq/sdk)"
                        : "sidecar packages missing: run 'npm ci' in " + env.sidecarDir()));
        List<ProvingEnvironment.Parameter> missing = new java.util.ArrayList<>();
        for (ProvingEnvironment.Parameter p : env.parameters()) {
            if (p.cached()) {
                environment.getChildren().add(status(true, "SRS " + p.name() + size(List.of(p)) + " cached"));
            } else {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            // snarkVM loads every degree up to the circuit's: one line for the files still to download.
            String names = missing.size() == 1 ? missing.get(0).name()
                    : missing.get(0).name() + " to " + missing.get(missing.size() - 1).name().replace("powers-of-beta-", "");
            environment.getChildren().add(status(false, "SRS " + names + ": to download" + size(missing) + " on first proof"));
        }
        Label srs = Wrapped.wrapped(new Label("Circuit needs SRS degree 2^" + probed.srsDegreeLog2()));
        srs.getStyleClass().add(Styles.TEXT_MUTED);
        environment.getChildren().add(srs);
        leoCli.setDisable(env.leoCli().isEmpty());
        leoCli.setText(env.leoCli().map(l -> "Leo CLI (" + l.version() + "): Run is `leo run`, Prove is `leo execute` "
                + "on an export of this program").orElse("Leo CLI: not found"));
        Tooltips.retitle(leoCli, env.leoCli().map(l -> "Leo at " + l.executable()).orElse("Install Leo ("
                + LeoBackend.INSTALL_URL + ") and put leo on PATH, or point -D" + LeoBackend.PATH_PROPERTY
                + " or ZKML_LEO_PATH at its folder"));
    }

    /** " (N MiB)" for the files' sizes together, " (over N MiB)" when some are not known, "" when none is. */
    private static String size(List<ProvingEnvironment.Parameter> files) {
        long known = files.stream().mapToLong(ProvingEnvironment.Parameter::bytes).filter(b -> b >= 0).sum();
        boolean unknown = files.stream().anyMatch(p -> p.bytes() < 0);
        return known == 0 ? "" : " (" + (unknown ? "over " : "") + mib(known) + ")";
    }

    private static String mib(long bytes) {
        return String.format(Locale.US, "%.0f MiB", bytes / 1048576.0);
    }

    private static Label status(boolean ok, String text) {
        Label l = new Label(text, new FontIcon(ok ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignC.CLOSE_CIRCLE));
        l.getStyleClass().add(ok ? "status-ok" : "status-missing");
        return Wrapped.wrapped(l);
    }

    private void showError(ProveSession.Failure f) {
        if (f == null) {
            error.getChildren().clear();
            return;
        }
        Label msg = new Label(f.summary() + ": " + ErrorDialog.humanMessage(f.cause()),
                new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        msg.setWrapText(true);
        msg.setId("provingErrorText");
        Button details = new Button("Details…");
        details.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        details.setOnAction(e -> ErrorDialog.show(owner.get(), f.summary(), f.cause()));
        HBox.setHgrow(msg, Priority.ALWAYS);
        error.getChildren().setAll(msg, details);
    }

    private void showResult(ProveSession.State s) {
        ProveSession.Result r = s.shown();
        List<Node> shown;
        if (r instanceof RunResult run) {
            shown = run(run, s.code());
        } else if (r instanceof LeoOutcome o) {
            shown = leo(o);
        } else if (r instanceof ProveSession.Proven p) {
            // A chain's proof covers every transition: their constraints together, as the dashboard's total.
            var m = p.bundle().manifest();
            var c = m.executionCircuit();
            shown = List.of(headline("Proof ready: " + describe(m.decoded().classLabel(), m.publicOutputs())),
                    muted(String.format(Locale.US, "%,d constraints%s · SRS 2^%d · %s", c.constraints(),
                            m.isChain() ? " in " + m.transitions().size() + " transitions" : "", c.srsDegreeLog2(),
                            m.versions().sdk())));
        } else if (r instanceof ProveSession.Verified v) {
            shown = List.of(new VerificationSummary(v.report()));
        } else if (r instanceof ProveSession.Batch b) {
            shown = batch(b.summary());
        } else {
            shown = List.of();
        }
        result.getChildren().setAll(shown);
    }

    private List<Node> run(RunResult r, GeneratedCode code) {
        DecodedOutput d = r.decoded();
        List<Node> out = new java.util.ArrayList<>();
        out.add(headline(describe(d.classLabel(), d.aleo())));
        out.add(status(r.matchesSimulator(), "snarkVM output " + String.join(", ", d.aleo())
                + (r.matchesSimulator() ? " — matches the bit-exact simulator" : " — differs from the simulator's "
                + String.join(", ", r.row().expectedOutputs()))));
        String commitment = OutputDecoder.commitment(r.execution().outputs());
        if (commitment != null) {
            Label c = muted("Weights commitment (public): " + commitment);
            c.setId("weightsCommitment");
            out.add(c);
        }
        if (r.row().label() != null) {
            out.add(muted("Dataset label: " + code.compiled().output().labelOf(r.row().label())));
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
        out.add(table);
        if (r.execution().evaluatedOnly() != null) {
            // Offline beyond the SRS here: say that snarkVM evaluated the program, and did not execute it with keys.
            Label evaluated = muted(String.format(Locale.US, "Evaluated by snarkVM without keys or a circuit"
                    + " (%.1f s): %s. Nothing was executed with keys or proven; the constraint count is the cost model's"
                    + " (dashboard).", r.execution().totalMs() / 1000.0, r.execution().evaluatedOnly()));
            evaluated.setId("evaluatedOnly");
            out.add(evaluated);
            return out;
        }
        out.add(muted(String.format(Locale.US, "%,d constraints · keys %s · %.1f s",
                r.execution().circuit() == null ? 0 : r.execution().circuit().constraints(),
                r.execution().keysFromCache() ? "from cache" : "synthesized", r.execution().totalMs() / 1000.0)));
        return out;
    }

    private static List<Node> leo(LeoOutcome o) {
        List<Node> out = new java.util.ArrayList<>();
        out.add(headline(describe(o.decoded().classLabel(), o.decoded().aleo())));
        out.add(status(true, o.leoVersion() + " output " + String.join(", ", o.result().outputs())
                + " — matches the bit-exact simulator"));
        if (o.proven()) {
            out.add(muted(o.result().transaction() == null
                    ? "Leo did not save a transaction"
                    : "Leo's transaction: " + o.result().transaction() + " (Leo's format: save it with "
                    + "Save Leo transaction…; zkml verify reads proof bundles made with the snarkVM backend)"));
        }
        if (o.result().circuit() != null) {
            out.add(muted(String.format(Locale.US, "%,d constraints (Leo)", o.result().circuit().constraints())));
        }
        return out;
    }

    private static List<Node> batch(BatchProver.Summary s) {
        List<Node> out = new java.util.ArrayList<>();
        out.add(headline(String.format(Locale.US, "%d proven, %d skipped (already proven), %d failed%s",
                s.count(BatchProver.Status.proven), s.count(BatchProver.Status.skipped), s.count(BatchProver.Status.failed),
                s.count(BatchProver.Status.not_attempted) == 0 ? ""
                        : ", " + s.count(BatchProver.Status.not_attempted) + " not attempted")));
        out.add(muted("Summary: " + s.summaryFile()));
        for (BatchProver.RowResult r : s.rows()) {
            if (r.status() == BatchProver.Status.failed) {
                out.add(status(false, "row " + r.row() + ": " + r.error()));
            }
        }
        return out;
    }

    private static String describe(String label, List<String> outputs) {
        return label != null ? "Class: " + label : "Output: " + String.join(", ", outputs);
    }

    private static Label headline(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        l.setId("provingHeadline");
        return Wrapped.wrapped(l);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return Wrapped.wrapped(l);
    }

    // ---- file choosers ------------------------------------------------------------------------

    private void chooseSave() {
        ProveSession.State s = session.state();
        Path transaction = s.leoTransaction();
        if (transaction != null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save Leo transaction");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Leo transaction (*.json)", "*.json"));
            chooser.setInitialFileName(transaction.getFileName().toString());
            File f = chooser.showSaveDialog(owner.get());
            if (f != null) {
                session.saveTransaction(f.toPath());
            }
            return;
        }
        if (s.bundle() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save proof bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Proof bundle (*.zip)", "*.zip"));
        chooser.setInitialFileName(ProveSession.bundleFileName(s.bundle()));
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            session.save(f.toPath());
        }
    }

    private void chooseRows() {
        GeneratedCode g = session.state().code();
        int rows = g == null ? 0 : g.session().dataset().map(io.zkml.workbench.data.Dataset::size).orElse(0);
        if (rows == 0) {
            return;
        }
        Integer selected = input.row.getValue();
        Path suggested = Path.of(System.getProperty("user.home"), g.compiled().program().programName() + "-proofs");
        ProveRowsDialog.ask(owner.get(), rows, selected == null ? 0 : selected, suggested).ifPresent(session::proveRows);
    }

    // ---- for tests and the screenshot mode ---------------------------------------------------

    /** The session's latest state as rendered; changes on the FX thread. */
    public ReadOnlyObjectProperty<ProveSession.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The session's latest state; any thread. */
    public ProveSession.State state() {
        return session.state();
    }

    /** The last failure in the words the panel shows; null when the last job did not fail. */
    public String failureText() {
        ProveSession.Failure f = session.state().failure();
        return f == null ? null : ErrorDialog.humanMessage(f.cause());
    }

    /** Writes the last proof's bundle zip (as Save proof bundle… does once a file is chosen). */
    public void save(Path zip) {
        session.save(zip);
    }

    /** Proves dataset rows (as Prove rows… does once the dialog is answered). */
    public void proveRows(RowsRequest request) {
        session.proveRows(request);
    }

    public void useLeo() {
        leoCli.setSelected(true);
    }

    public boolean leoAvailable() {
        return !leoCli.isDisabled();
    }

    public String activityText() {
        return activity.getText();
    }

    public Optional<ProcessHandle> sidecarProcess() {
        return session.prover().sidecarProcess();
    }

    public InputPicker input() {
        return input;
    }

    public boolean resultIsEmpty() {
        return result.getChildren().isEmpty();
    }

    public String headlineText() {
        return result.getChildren().stream().filter(n -> "provingHeadline".equals(n.getId())).findFirst()
                .map(n -> ((Label) n).getText()).orElse("");
    }

    @Override
    public void close() {
        clock.stop();
        worker.shutdownNow();
        session.close();
    }
}
