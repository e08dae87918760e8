package io.zkml.workbench.ui;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * Tooltips that follow changing figures. A control keeps the tooltip it has and only its text changes:
 * a new tooltip per update (every card on every bit-width change) put a popup control's construction
 * and installation on the FX thread (issue #14).
 */
public final class Tooltips {

    private Tooltips() {
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
