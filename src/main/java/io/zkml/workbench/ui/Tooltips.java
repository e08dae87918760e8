package io.zkml.workbench.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;

/**
 * Tooltips that follow changing figures. A control keeps the tooltip it has and only its text changes:
 * a new tooltip per update (every card on every bit-width change) put a popup control's construction
 * and installation on the FX thread (issue #14).
 */
public final class Tooltips {

    private Tooltips() {
    }

    /** A tooltip that always holds all of {@code l}'s text, for a label that gives way (cut with "…") when room is short. */
    public static void showWholeText(Labeled l) {
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(l.textProperty());
        l.setTooltip(whole);
    }

    /** Shows {@code text} as {@code c}'s tooltip, reusing the one it has; null removes it. */
    public static void retitle(Control c, String text) {
        if (text == null) {
            c.setTooltip(null);
        } else if (c.getTooltip() == null) {
            c.setTooltip(new Tooltip(text));
        } else {
            c.getTooltip().setText(text);
        }
    }
}
