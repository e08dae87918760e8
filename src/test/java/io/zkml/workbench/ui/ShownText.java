package io.zkml.workbench.ui;

import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** What a label draws of its text: "…" where it was cut. */
final class ShownText {

    private ShownText() {
    }

    /**
     * The label's own text node's text, or null before its skin made one: the skin's direct {@link Text} child of
     * class "text" (not an icon, which is a Text too, and not a titled pane's content, which a lookup would find).
     */
    static String of(Labeled l) {
        return l.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text && n.getStyleClass().contains("text"))
                .map(n -> ((Text) n).getText()).findFirst().orElse(null);
    }
}
