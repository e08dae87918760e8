package io.zkml.workbench.ui;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.importer.ModelImportException;
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

    /**
     * The message written for a person: the first {@link WorkbenchException} or
     * {@link ModelImportException} in the chain (their causes are library internals), else the
     * root cause's own message, usually the most specific one.
     */
    public static String humanMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if ((c instanceof WorkbenchException || c instanceof ModelImportException) && c.getMessage() != null) {
                return c.getMessage();
            }
        }
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
