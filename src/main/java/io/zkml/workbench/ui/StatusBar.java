package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** Bottom line: the latest message, a summary on the right, and progress/cancel while work runs. */
public final class StatusBar extends HBox {

    private final Label message = new Label("Ready");
    private final Label summary = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));

    public StatusBar() {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.getStyleClass().add("status-message");
        summary.getStyleClass().addAll("status-summary", Styles.TEXT_MUTED);
        // The model's summary is short and stays whole; a long message is what gets cut.
        summary.setMinWidth(USE_PREF_SIZE);
        // A long message is cut with "…" in a small window or with large text; hovering shows all of it.
        Tooltips.showWholeText(message);
        progress.setPrefWidth(160);
        cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        cancel.setTooltip(new Tooltip("Cancel"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(message, grow, summary, progress, cancel);
        idle();
    }

    public void setMessage(String text) {
        message.textProperty().unbind();
        message.setText(text);
    }

    public String message() {
        return message.getText();
    }

    public void setSummary(String text) {
        summary.setText(text);
    }

    /** Follows a running task until it ends; the caller sets the final message. */
    public void track(Worker<?> worker, Runnable onCancel) {
        message.textProperty().bind(worker.messageProperty());
        progress.progressProperty().bind(worker.progressProperty());
        progress.setVisible(true);
        progress.setManaged(true);
        cancel.setVisible(true);
        cancel.setManaged(true);
        cancel.setOnAction(e -> onCancel.run());
        worker.runningProperty().addListener((obs, was, running) -> {
            if (!running) {
                idle();
            }
        });
    }

    private void idle() {
        String last = message.getText();
        message.textProperty().unbind();
        message.setText(last);
        progress.progressProperty().unbind();
        progress.setVisible(false);
        progress.setManaged(false);
        cancel.setVisible(false);
        cancel.setManaged(false);
    }
}
