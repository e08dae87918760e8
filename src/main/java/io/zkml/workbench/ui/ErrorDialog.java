package io.zkml.workbench.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Tells the user what went wrong in words, and keeps the stack trace behind the dialog's
 * "Show Details" expander for bug reports.
 */
public final class ErrorDialog {

    private ErrorDialog() {
    }

    /** The cause's own message, which is usually the most specific one a user can act on. */
    public static String humanMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String msg = cause.getMessage();
        return msg == null || msg.isBlank() ? cause.getClass().getSimpleName() : msg;
    }

    public static Alert create(Window owner, String summary, Throwable t) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("zkML Workbench");
        alert.setHeaderText(summary);
        alert.setContentText(humanMessage(t));
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add("error-details");
        VBox.setVgrow(details, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(6, new Label("Technical details:"), details));
        return alert;
    }

    public static void show(Window owner, String summary, Throwable t) {
        create(owner, summary, t).show();
    }
}
