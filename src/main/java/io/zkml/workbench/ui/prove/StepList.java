package io.zkml.workbench.ui.prove;

import io.zkml.workbench.ui.Wrapped;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.List;

/** A short checklist of a long operation's steps, as the session has them: waiting, running, done (with a note) or stopped. */
final class StepList extends VBox {

    private final Label[] rows;
    /** What each row shows now: its icon and style change only with it (the list is re-rendered on every state). */
    private final ProveSession.StepStatus[] shown;

    StepList(int size) {
        this.rows = new Label[size];
        this.shown = new ProveSession.StepStatus[size];
        setSpacing(4);
        getStyleClass().add("step-list");
        for (int i = 0; i < size; i++) {
            rows[i] = Wrapped.wrapped(new Label());
            getChildren().add(rows[i]);
        }
    }

    void show(List<ProveSession.Step> steps) {
        for (int i = 0; i < rows.length; i++) {
            ProveSession.Step s = steps.get(i);
            rows[i].setText(s.text());
            if (s.status() == shown[i]) {
                continue;
            }
            shown[i] = s.status();
            rows[i].setGraphic(new FontIcon(switch (s.status()) {
                case WAITING -> MaterialDesignC.CIRCLE_OUTLINE;
                case ACTIVE -> MaterialDesignP.PROGRESS_CLOCK;
                case DONE -> MaterialDesignC.CHECK_CIRCLE;
                case STOPPED -> MaterialDesignC.CLOSE_CIRCLE;
            }));
            rows[i].getStyleClass().removeAll("step-waiting", "step-active", "step-done", "step-failed");
            rows[i].getStyleClass().add(switch (s.status()) {
                case WAITING -> "step-waiting";
                case ACTIVE -> "step-active";
                case DONE -> "step-done";
                case STOPPED -> "step-failed";
            });
        }
    }

    String text(int i) {
        return rows[i].getText();
    }
}
