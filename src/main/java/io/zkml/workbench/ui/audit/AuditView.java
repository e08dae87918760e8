package io.zkml.workbench.ui.audit;

import java.util.List;
import io.zkml.workbench.ui.Tooltips;
import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.ui.ErrorDialog;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
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
 * {@code zkml verify}, and says in plain words what was proven and what was checked. The workflow
 * is the {@link AuditPresenter}'s; this view renders its states and asks for files.
 */
public final class AuditView extends BorderPane implements AutoCloseable {

    private final Supplier<Window> owner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-audit");
        t.setDaemon(true);
        return t;
    });
    private final AuditPresenter presenter = new AuditPresenter(new SidecarAuditVerifier(), worker, Platform::runLater);
    final Button open = new Button("Open proof bundle…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
    final Button checkModel = new Button("Check against model…", new FontIcon(MaterialDesignF.FILE_COMPARE));
    final Button exportHtml = new Button("Export HTML report…", new FontIcon(MaterialDesignW.WEB));
    private final Label file = new Label("No bundle open");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label activity = new Label();
    private final VBox body = new VBox(14);
    private final ReadOnlyObjectWrapper<AuditPresenter.State> state = new ReadOnlyObjectWrapper<>(this, "state");

    public AuditView(Supplier<Window> owner) {
        this.owner = owner;
        getStyleClass().add("audit-view");
        open.setId("openBundle");
        open.getStyleClass().add(Styles.ACCENT);
        exportHtml.setId("exportAudit");
        checkModel.setId("checkModel");
        checkModel.setTooltip(new Tooltip(
                "Re-export your copy of the model with the bundle's spec and compare hashes and program text"));
        checkModel.setOnAction(e -> chooseModel());
        open.setOnAction(e -> chooseBundle());
        exportHtml.setOnAction(e -> chooseHtml());
        file.setId("auditFile");
        file.getStyleClass().add(Styles.TEXT_MUTED);
        // A long path is what gives way in a narrow window (cut with "…", whole on hover); the buttons keep their names.
        file.setMinWidth(0);
        Tooltips.showWholeText(file);
        for (Button b : List.of(open, checkModel, exportHtml)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        spinner.setPrefSize(22, 22);
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
        presenter.setListener(this::render);
    }

    private void render(AuditPresenter.State s) {
        AuditPresenter.State before = state.get();
        if (s.file() != null) {
            file.setText(s.file().toString());
        }
        spinner.setVisible(s.busy());
        open.setDisable(s.busy());
        activity.setText(s.activity());
        exportHtml.setDisable(!s.canExport());
        checkModel.setDisable(!s.canCheckModel());
        if (before != null && before.audited() != s.audited() && s.audited() != null) {
            body.getChildren().setAll(new VerificationSummary(s.audited().report()));
        }
        if (before != null && before.failure() != s.failure() && s.failure() != null) {
            AuditPresenter.Failure f = s.failure();
            Label msg = new Label("Could not audit " + f.file().getFileName() + ": " + ErrorDialog.humanMessage(f.cause()));
            msg.setWrapText(true);
            msg.getStyleClass().add("proving-error");
            Button details = new Button("Details…");
            details.setOnAction(ev -> ErrorDialog.show(owner.get(), "Could not audit the bundle", f.cause()));
            body.getChildren().setAll(msg, details);
        }
        state.set(s);
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
    public void open(Path bundleFile) {
        audit(bundleFile, null);
    }

    /** As {@link #open}, also checking that {@code model} (with the bundle's spec) yields the bundle's program. */
    public void audit(Path bundleFile, Path model) {
        presenter.audit(bundleFile, model, null);
    }

    private void chooseModel() {
        AuditPresenter.Audited a = presenter.state().audited();
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
        WeightsSalt salt = null;
        if (AuditPresenter.needsSalt(a.bundle())) {
            // The salted commitment can only be recomputed with the owner's salt (weights-salt.txt).
            TextInputDialog d = new TextInputDialog();
            d.initOwner(owner.get());
            d.setTitle("Owner's salt");
            d.setHeaderText("The weights commitment is salted. Enter the salt the model's owner gave you (32 hex digits).");
            var text = d.showAndWait();
            if (text.isPresent() && !text.get().isBlank()) {
                try {
                    salt = WeightsSalt.parse(text.get());
                } catch (IllegalArgumentException e) {
                    ErrorDialog.show(owner.get(), "Not a salt", e);
                    return;
                }
            }
        }
        presenter.audit(a.file(), f.toPath(), salt);
    }

    private void chooseHtml() {
        AuditPresenter.Audited a = presenter.state().audited();
        if (a == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export audit report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML (*.html)", "*.html"));
        chooser.setInitialFileName(AuditPresenter.htmlFileName(a.file()));
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            writeHtml(f.toPath());
        }
    }

    /** Writes the one-page report atomically; small enough to write right here. */
    public void writeHtml(Path target) {
        try {
            presenter.writeHtml(target);
        } catch (RuntimeException e) {
            ErrorDialog.show(owner.get(), "Could not write the audit report", e);
        }
    }

    public Optional<VerificationReport> report() {
        return presenter.state().report();
    }

    /** The presenter's states as rendered (the screenshot mode waits for an audit to settle). */
    public ReadOnlyObjectProperty<AuditPresenter.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the last audit could not be made, in the words shown; null when it was made. */
    public String failureText() {
        AuditPresenter.Failure f = presenter.state().failure();
        return f == null ? null : ErrorDialog.humanMessage(f.cause());
    }

    public boolean busy() {
        return presenter.state().busy();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        presenter.close();
    }
}
