package io.zkml.workbench.ui.design;

import io.zkml.workbench.ui.ErrorDialog;
import atlantafx.base.theme.Styles;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.design.EpochListener;
import io.zkml.workbench.design.RetrainResult;
import io.zkml.workbench.design.RetrainSettings;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Locale;
import java.util.function.BiFunction;

/**
 * "Retrain…": epochs and learning rate, a live loss chart while DL4J trains in the background,
 * Cancel, and afterwards a way back to the weights the model had before.
 */
public final class RetrainDialog {

    private final Stage stage = new Stage();
    private final Spinner<Integer> epochs = new Spinner<>(1, 2000, 20);
    private final TextField learningRate = new TextField("0.01");
    private final Button start = new Button("Train");
    private final Button cancel = new Button("Cancel");
    private final Button revert = new Button("Revert to previous weights");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private Task<RetrainResult> running;

    /**
     * @param train  starts training in the background with the chosen settings, reporting epochs
     *               to the listener (on the training thread); null when there is nothing to train
     * @param onRevert goes back to the model as it was before this dialog's training
     */
    RetrainDialog(Window owner, String modelName, String dataSource,
                  BiFunction<RetrainSettings, EpochListener, Task<RetrainResult>> train, Runnable onRevert) {
        stage.initOwner(owner);
        stage.setTitle("Retrain " + modelName);
        epochs.setId("retrainEpochs");
        epochs.setEditable(true);
        learningRate.setId("retrainLearningRate");
        learningRate.setPrefColumnCount(8);
        start.setId("retrainStart");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        cancel.setId("retrainCancel");
        revert.setId("retrainRevert");
        revert.setDisable(true);
        progress.setId("retrainProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        message.setId("retrainMessage");
        message.setWrapText(true);

        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("training loss");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("lossChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.getData().add(loss);
        chart.setPrefSize(520, 280);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Epochs"), epochs);
        form.addRow(1, new Label("Learning rate (Adam)"), learningRate);
        Label data = new Label("Trains on " + dataSource + ", mini-batches of " + RetrainSettings.DEFAULT_BATCH
                + ", seed " + RetrainSettings.DEFAULT_SEED + ". Unchanged layers start from their current weights.");
        data.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        data.setWrapText(true);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, revert, grow, cancel, start);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, form, data, chart, progress, message, buttons);
        root.setPadding(new Insets(16));
        VBox.setVgrow(chart, Priority.ALWAYS);

        start.setOnAction(e -> start(train));
        cancel.setOnAction(e -> {
            if (running != null && running.isRunning()) {
                running.cancel();
            } else {
                stage.close();
            }
        });
        revert.setOnAction(e -> {
            revert.setDisable(true);
            message.setText("Going back to the previous weights…");
            onRevert.run();
        });
        stage.setOnCloseRequest(e -> {
            if (running != null && running.isRunning()) {
                running.cancel();
            }
        });
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    void show() {
        stage.show();
    }

    private void start(BiFunction<RetrainSettings, EpochListener, Task<RetrainResult>> train) {
        RetrainSettings settings;
        try {
            settings = RetrainSettings.of(epochs.getValue(), Double.parseDouble(learningRate.getText().trim()));
        } catch (NumberFormatException e) {
            message.setText("The learning rate must be a number such as 0.01");
            return;
        } catch (WorkbenchException e) {
            message.setText(e.getMessage());
            return;
        }
        loss.getData().clear();
        revert.setDisable(true);
        start.setDisable(true);
        cancel.setText("Stop");
        message.setText("Training…");
        progress.setProgress(0);
        running = train.apply(settings, (epoch, total, meanLoss) -> Platform.runLater(() -> {
            loss.getData().add(new XYChart.Data<>(epoch, meanLoss));
            progress.setProgress((double) epoch / total);
            message.setText(String.format(Locale.US, "Epoch %d of %d: loss %.4f", epoch, total, meanLoss));
        }));
        running.stateProperty().addListener((obs, o, state) -> {
            switch (state) {
                case SUCCEEDED -> finished(String.format(Locale.US, "Trained %d epochs, final loss %.4f. The workbench"
                        + " reopened the model with the new weights; figures and costs follow.", settings.epochs(),
                        running.getValue().losses().get(running.getValue().losses().size() - 1)), true);
                case CANCELLED -> finished("Stopped; the model keeps its previous weights.", false);
                case FAILED -> finished("Training failed: " + ErrorDialog.humanMessage(running.getException()), false);
                default -> { }
            }
        });
    }

    private void finished(String text, boolean canRevert) {
        message.setText(text);
        start.setDisable(false);
        start.setText("Train again");
        cancel.setText("Close");
        revert.setDisable(!canRevert);
    }

    public XYChart.Series<Number, Number> lossSeries() {
        return loss;
    }

    public Stage stage() {
        return stage;
    }
}
