package io.zkml.workbench.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** A short checklist of a long operation's steps: waiting, running, done (with a note) or failed. */
final class StepList extends VBox {

    private final String[] names;
    private final Label[] rows;
    private int active = -1;

    StepList(String... names) {
        this.names = names.clone();
        this.rows = new Label[names.length];
        setSpacing(4);
        getStyleClass().add("step-list");
        for (int i = 0; i < names.length; i++) {
            rows[i] = new Label();
            getChildren().add(rows[i]);
        }
        reset();
    }

    void reset() {
        active = -1;
        for (int i = 0; i < rows.length; i++) {
            set(i, names[i], MaterialDesignC.CIRCLE_OUTLINE, "step-waiting");
        }
    }

    void active(int i) {
        active = i;
        set(i, names[i] + "…", MaterialDesignP.PROGRESS_CLOCK, "step-active");
    }

    void done(int i, String note) {
        if (active == i) {
            active = -1;
        }
        set(i, names[i] + " — " + note, MaterialDesignC.CHECK_CIRCLE, "step-done");
    }

    void failActive() {
        if (active >= 0) {
            set(active, names[active] + " — stopped", MaterialDesignC.CLOSE_CIRCLE, "step-failed");
            active = -1;
        }
    }

    String text(int i) {
        return rows[i].getText();
    }

    private void set(int i, String text, org.kordamp.ikonli.Ikon icon, String style) {
        rows[i].setText(text);
        rows[i].setGraphic(new FontIcon(icon));
        rows[i].getStyleClass().removeAll("step-waiting", "step-active", "step-done", "step-failed");
        rows[i].getStyleClass().add(style);
    }
}
