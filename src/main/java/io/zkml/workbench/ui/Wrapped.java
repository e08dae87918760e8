package io.zkml.workbench.ui;

import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;

/**
 * A label that wraps onto as many lines as its text needs. Wrapping alone is not enough: a box short of
 * room squeezes a wrapped label down to its one-line minimum and cuts it with "…" (the design palette's
 * hints, the Prove tab's steps at 1024×768), so the label's minimum height is its preferred one and the
 * pane around it scrolls instead.
 */
public final class Wrapped {

    private Wrapped() {
    }

    public static <T extends Labeled> T wrapped(T label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
