package io.zkml.workbench.ui;

import io.zkml.workbench.ui.format.Format;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.quant.QuantSpec;
import javafx.beans.property.SimpleStringProperty;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Auto-tune…": a target (accuracy drop or argmax agreement, as {@code zkml auto-tune} takes
 * them), the search in the background with Cancel, and then the trade-offs it considered — the
 * Pareto front of constraints against the target's metric, the recommended spec selected — with
 * Apply to make the selected row (the recommendation, or any other trade-off) the project's spec.
 */
final class AutoTuneDialog {

    /**
     * @param estimator which constraint estimate priced the candidates, in one line
     */
    record Outcome(AutoTuner.Result result, String estimator) {
    }

    /** The row the user applied: its spec, the candidate itself, and the search it came from. */
    record Applied(QuantSpec spec, AutoTuner.Candidate candidate, AutoTuner.Result result) {

        boolean recommended() {
            return candidate.equals(result.chosen());
        }
    }

    private final Stage stage = new Stage();
    private final ToggleGroup kind = new ToggleGroup();
    private final RadioButton byAccuracy = new RadioButton("Accuracy may drop at most (points)");
    private final RadioButton byAgreement = new RadioButton("Argmax agreement at least (%)");
    private final Spinner<Double> maxDrop = new Spinner<>(0.0, 100.0, 0.5, 0.5);
    private final Spinner<Double> minAgreement = new Spinner<>(1.0, 100.0, 99.0, 0.5);
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Close");
    private final Button apply = new Button("Apply recommended");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label("Searches per-layer widths and domains from the calibration default"
            + " for the fewest constraints that still meet the target, as `zkml auto-tune` does.");
    private final Label summary = new Label();
    private final TableView<AutoTuner.Candidate> table = new TableView<>();
    private Task<Outcome> running;
    private Outcome last;

    /**
     * @param tune    starts the search in the background for a target; its task checks cancellation
     *                between candidates
     * @param onApply makes the tuned spec the project's spec
     */
    AutoTuneDialog(Window owner, String modelName, Function<AutoTuner.Target, Task<Outcome>> tune,
                   Consumer<Applied> onApply) {
        stage.initOwner(owner);
        stage.setTitle("Auto-tune " + modelName);
        byAccuracy.setToggleGroup(kind);
        byAgreement.setToggleGroup(kind);
        byAccuracy.setSelected(true);
        byAccuracy.setId("tuneByAccuracy");
        byAgreement.setId("tuneByAgreement");
        maxDrop.setId("tuneMaxDrop");
        minAgreement.setId("tuneMinAgreement");
        for (Spinner<Double> s : List.of(maxDrop, minAgreement)) {
            s.setEditable(true);
            s.setPrefWidth(110);
        }
        maxDrop.disableProperty().bind(byAccuracy.selectedProperty().not());
        minAgreement.disableProperty().bind(byAgreement.selectedProperty().not());
        run.setId("tuneRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        cancel.setId("tuneCancel");
        apply.setId("tuneApply");
        apply.setDisable(true);
        progress.setId("tuneProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        message.setId("tuneMessage");
        message.setWrapText(true);
        summary.setId("tuneSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_SMALL);
        // Wrapped labels in a VBox otherwise keep one line and clip the rest.
        message.setMinHeight(Region.USE_PREF_SIZE);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, byAccuracy, maxDrop);
        form.addRow(1, byAgreement, minAgreement);
        Label tableTitle = new Label("Trade-offs considered: candidates no other beats on both constraints and the"
                + " target's figure (bits: activation/weight[/domain])");
        tableTitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        tableTitle.setWrapText(true);
        tableTitle.setMinHeight(Region.USE_PREF_SIZE);
        buildTable();

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, grow, cancel, run, apply);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(10, form, message, progress, summary, tableTitle, table, buttons);
        root.setPadding(new Insets(16));
        VBox.setVgrow(table, Priority.ALWAYS);

        run.setOnAction(e -> start(tune));
        cancel.setOnAction(e -> {
            if (isRunning()) {
                running.cancel();
            } else {
                stage.close();
            }
        });
        // Any row can be applied: the recommendation is only the cheapest that meets the target.
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, c) -> {
            apply.setText(c != null && c == tunedOrNull() ? "Apply recommended" : "Apply selected");
            apply.setDisable(c == null || last == null);
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !apply.isDisabled()) {
                apply.fire();
            }
        });
        apply.setOnAction(e -> {
            AutoTuner.Candidate c = table.getSelectionModel().getSelectedItem();
            if (c == null || last == null) {
                return;
            }
            onApply.accept(new Applied(last.result().specOf(c), c, last.result()));
            message.setText("Applied " + (c == tunedOrNull() ? "the recommended spec" : "the selected spec ("
                    + Format.count(c.constraints()) + " constraints)") + ": it is the project's spec now; figures and"
                    + " costs follow.");
        });
        stage.setOnCloseRequest(e -> {
            if (isRunning()) {
                running.cancel();
            }
        });
        Scene scene = new Scene(root, 980, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    void show() {
        stage.show();
    }

    Stage stage() {
        return stage;
    }

    TableView<AutoTuner.Candidate> table() {
        return table;
    }

    Task<Outcome> running() {
        return running;
    }

    AutoTuner.Target target() {
        return byAccuracy.isSelected() ? AutoTuner.Target.maxAccuracyDrop(maxDrop.getValue())
                : AutoTuner.Target.minAgreement(minAgreement.getValue());
    }

    private boolean isRunning() {
        return running != null && !running.isDone();
    }

    private void start(Function<AutoTuner.Target, Task<Outcome>> tune) {
        AutoTuner.Target target = target();
        last = null;
        table.getItems().clear();
        summary.setText("");
        apply.setDisable(true);
        run.setDisable(true);
        cancel.setText("Cancel");
        progress.setVisible(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        message.setText("Searching for the cheapest spec with " + target.describe() + "…");
        running = tune.apply(target);
        Task<Outcome> task = running;
        task.messageProperty().addListener((obs, o, m) -> {
            if (task == running && m != null && !m.isEmpty()) {
                message.setText(m);
            }
        });
        task.stateProperty().addListener((obs, o, state) -> {
            switch (state) {
                case SUCCEEDED -> {
                    finished("Done: the recommended spec is selected. Apply makes the selected row the project's"
                            + " spec; pick another row to trade constraints for accuracy.");
                    show(task.getValue());
                }
                case CANCELLED -> finished("Cancelled; the project's spec is unchanged.");
                case FAILED -> finished("Auto-tune failed: " + ErrorDialog.humanMessage(task.getException()));
                default -> { }
            }
        });
        if (task.isCancelled()) {
            // The window closed before the search could start.
            finished("Cancelled; the project's spec is unchanged.");
        }
    }

    private void finished(String text) {
        message.setText(text);
        progress.setVisible(false);
        run.setDisable(false);
        run.setText("Run again");
        cancel.setText("Close");
    }

    private void show(Outcome o) {
        last = o;
        AutoTuner.Result r = o.result();
        AutoTuner.Candidate base = r.baseline();
        AutoTuner.Candidate tuned = r.chosen();
        summary.setText(String.format(Locale.US, "Calibration default %,d constraints, accuracy %s, agreement %s"
                        + "  →  tuned %,d constraints, accuracy %s, agreement %s (%s).%nChanges taken: %s.%n"
                        + "%d candidates simulated, %d priced, %d ms. Estimator: %s", base.constraints(),
                pct(base.quantizedAccuracy()), pct(base.argmaxAgreement()), tuned.constraints(),
                pct(tuned.quantizedAccuracy()), pct(tuned.argmaxAgreement()), tuned.settings(),
                r.path().isEmpty() ? "none (nothing cheaper meets the target)" : String.join("; ", r.path()),
                r.simulated(), r.priced(), r.millis(), o.estimator()));
        List<AutoTuner.Candidate> rows = new ArrayList<>(r.pareto());
        if (!rows.contains(tuned)) {
            rows.add(tuned);
            rows.sort(java.util.Comparator.comparingLong(AutoTuner.Candidate::constraints));
        }
        table.getItems().setAll(rows);
        table.getSelectionModel().select(tuned);
        table.scrollTo(tuned);
        apply.setDisable(false);
    }

    private void buildTable() {
        table.setId("tuneCandidates");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Run the search to see the candidates it considered"));
        table.getColumns().setAll(List.of(
                column("constraints", 100, c -> Format.count(c.constraints())),
                column("accuracy", 80, c -> pct(c.quantizedAccuracy())),
                column("agreement", 105, c -> pct(c.argmaxAgreement())),
                column("target", 165, c -> c == tunedOrNull() ? "meets, recommended" : c.meetsTarget() ? "meets"
                        : "misses"),
                column("settings", 300, AutoTuner.Candidate::settings)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AutoTuner.Candidate item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("recommended"),
                        !empty && item == tunedOrNull());
            }
        });
    }

    private AutoTuner.Candidate tunedOrNull() {
        return last == null ? null : last.result().chosen();
    }

    private static TableColumn<AutoTuner.Candidate, String> column(String name, double width,
                                                                  Function<AutoTuner.Candidate, String> f) {
        TableColumn<AutoTuner.Candidate, String> c = new TableColumn<>(name);
        // A minimum, not a preference: the constrained policy otherwise squeezes the headers.
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? Format.NO_DATA : String.format(Locale.US, "%.2f%%", 100 * v);
    }
}
