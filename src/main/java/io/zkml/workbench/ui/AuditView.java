package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.AuditReport;
import io.zkml.workbench.bundle.BundleRejectedException;
import io.zkml.workbench.bundle.ReportParts;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ModelCheck;
import io.zkml.workbench.bundle.ModelChecks;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * For an auditor: opens a proof bundle, verifies it with snarkVM through the same verifier as
 * {@code zkml verify}, and says in plain words what was proven and what was checked.
 */
public final class AuditView extends BorderPane implements AutoCloseable {

    private record Audited(Path file, ProofBundle bundle, VerificationReport report, Path model) {
    }

    private final Supplier<Window> owner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-audit");
        t.setDaemon(true);
        return t;
    });
    private final SidecarClient client = new SidecarClient(SidecarConfig.fromEnvironment(), p -> { });
    final Button open = new Button("Open proof bundle…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
    final Button checkModel = new Button("Check against model…", new FontIcon(MaterialDesignF.FILE_COMPARE));
    final Button exportHtml = new Button("Export HTML report…", new FontIcon(MaterialDesignW.WEB));
    private final Label file = new Label("No bundle open");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label activity = new Label();
    private final VBox body = new VBox(14);
    private final ReadOnlyObjectWrapper<Audited> audited = new ReadOnlyObjectWrapper<>(this, "audited");
    private final ReadOnlyObjectWrapper<String> failure = new ReadOnlyObjectWrapper<>(this, "failure");

    public AuditView(Supplier<Window> owner) {
        this.owner = owner;
        getStyleClass().add("audit-view");
        open.setId("openBundle");
        open.getStyleClass().add(Styles.ACCENT);
        exportHtml.setId("exportAudit");
        exportHtml.setDisable(true);
        checkModel.setId("checkModel");
        checkModel.setDisable(true);
        checkModel.setTooltip(new javafx.scene.control.Tooltip(
                "Re-export your copy of the model with the bundle's spec and compare hashes and program text"));
        checkModel.setOnAction(e -> chooseModel());
        open.setOnAction(e -> chooseBundle());
        exportHtml.setOnAction(e -> chooseHtml());
        file.getStyleClass().add(Styles.TEXT_MUTED);
        file.setMinWidth(0);
        spinner.setPrefSize(22, 22);
        spinner.setVisible(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, open, file, grow, spinner, activity, checkModel, exportHtml);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("audit-bar");
        setTop(bar);
        body.getStyleClass().add("audit-body");
        Label hint = new Label("Open a proof bundle (.zip written by Prove or `zkml prove`) to verify it and see what it proves.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        body.getChildren().add(hint);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private void chooseBundle() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open proof bundle");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Proof bundle (*.zip)", "*.zip"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = chooser.showOpenDialog(owner.get());
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Reads and verifies the bundle in the background; the result replaces whatever was shown. */
    public Task<?> open(Path bundleFile) {
        return audit(bundleFile, null);
    }

    /** As {@link #open}, also checking that {@code model} (with the bundle's spec) yields the bundle's program. */
    public Task<?> audit(Path bundleFile, Path model) {
        return audit(bundleFile, model, null);
    }

    /** As {@link #audit(Path, Path)}, with the owner's salt of a salted weights commitment (null: not given). */
    public Task<?> audit(Path bundleFile, Path model, io.zkml.workbench.codegen.WeightsSalt salt) {
        Task<Audited> task = new Task<>() {
            @Override
            protected Audited call() {
                updateMessage("Reading " + bundleFile.getFileName() + "…");
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
                ProofBundle read = b;
                updateMessage(model == null ? "Verifying with snarkVM…" : "Re-exporting " + model.getFileName() + "…");
                VerificationReport r = new BundleVerifier(client, this::updateMessage)
                        .verify(bundleFile.getFileName().toString(), b, () -> model == null ? Optional.<ModelCheck>empty()
                                : Optional.of(ModelChecks.of(model, read.quantJson(), null, read,
                                        client.fieldHash(), salt)));
                return new Audited(bundleFile, b, r, model);
            }
        };
        file.setText(bundleFile.toString());
        activity.textProperty().bind(task.messageProperty());
        spinner.setVisible(true);
        open.setDisable(true);
        task.setOnSucceeded(e -> {
            done();
            audited.set(task.getValue());
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            done();
            audited.set(null);
            failure.set(ErrorDialog.humanMessage(task.getException()));
            Label msg = new Label("Could not audit " + bundleFile.getFileName() + ": "
                    + ErrorDialog.humanMessage(task.getException()));
            msg.setWrapText(true);
            msg.getStyleClass().add("proving-error");
            Button details = new Button("Details…");
            details.setOnAction(ev -> ErrorDialog.show(owner.get(), "Could not audit the bundle", task.getException()));
            body.getChildren().setAll(msg, details);
        });
        worker.execute(task);
        return task;
    }

    private void done() {
        activity.textProperty().unbind();
        activity.setText("");
        spinner.setVisible(false);
        open.setDisable(false);
    }

    private void show(Audited a) {
        exportHtml.setDisable(false);
        checkModel.setDisable(a.bundle() == null);
        body.getChildren().setAll(new VerificationSummary(a.report()));
    }

    private void chooseModel() {
        Audited a = audited.get();
        if (a == null || a.bundle() == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Your copy of the model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Model (*.zip, *.h5, *.onnx)", "*.zip", "*.h5", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = chooser.showOpenDialog(owner.get());
        if (f == null) {
            return;
        }
        io.zkml.workbench.codegen.WeightsSalt salt = null;
        var scheme = io.zkml.workbench.codegen.CommitmentScheme.ofRecorded(a.bundle().manifest().commitmentScheme());
        if (a.bundle().manifest().weightsMode() != null && !"constant".equals(a.bundle().manifest().weightsMode())
                && scheme != null && scheme.salted()) {
            // The salted commitment can only be recomputed with the owner's salt (weights-salt.txt).
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.initOwner(owner.get());
            d.setTitle("Owner's salt");
            d.setHeaderText("The weights commitment is salted. Enter the salt the model's owner gave you (32 hex digits).");
            var text = d.showAndWait();
            if (text.isPresent() && !text.get().isBlank()) {
                try {
                    salt = io.zkml.workbench.codegen.WeightsSalt.parse(text.get());
                } catch (IllegalArgumentException e) {
                    ErrorDialog.show(owner.get(), "Not a salt", e);
                    return;
                }
            }
        }
        audit(a.file(), f.toPath(), salt);
    }

    private void chooseHtml() {
        Audited a = audited.get();
        if (a == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export audit report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML (*.html)", "*.html"));
        chooser.setInitialFileName(a.file().getFileName().toString().replaceFirst("\\.zip$", "") + "-audit.html");
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            writeHtml(f.toPath());
        }
    }

    /** Writes the one-page report atomically; small enough to write right here. */
    public void writeHtml(Path target) {
        Audited a = audited.get();
        try {
            AuditReport.write(target, a.bundle(), a.report());
            activity.setText("Wrote " + target.getFileName());
        } catch (RuntimeException e) {
            ErrorDialog.show(owner.get(), "Could not write the audit report", e);
        }
    }

    public Optional<VerificationReport> report() {
        return Optional.ofNullable(audited.get()).map(Audited::report);
    }

    ReadOnlyObjectProperty<String> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    boolean busy() {
        return spinner.isVisible();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        client.close();
    }
}
