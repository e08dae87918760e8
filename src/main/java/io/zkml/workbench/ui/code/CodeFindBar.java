package io.zkml.workbench.ui.code;

import io.zkml.workbench.ui.format.Format;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * "Find in code" (Ctrl+F): a bar above the code that selects the next match as you type; Enter
 * and the arrows go to the next or previous match, Escape closes it. Case is ignored, since layer
 * names and types are what people look for.
 */
public final class CodeFindBar extends HBox {

    /** One search: the text, the direction, and whether the query just changed (stay on the current match). */
    record Query(String text, boolean backwards, boolean restart) {
    }

    private final TextField field = new TextField();
    private final Label count = new Label();
    /** Runs the search on the visible text; returns the number of matches, or -1 when no text is loaded yet. */
    private final ToIntFunction<Query> search;

    CodeFindBar(ToIntFunction<Query> search) {
        this.search = search;
        getStyleClass().add("code-find");
        setId("codeFind");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        field.setId("codeFindField");
        field.setPromptText("Find in code (a layer name, a type…)");
        HBox.setHgrow(field, Priority.ALWAYS);
        count.setId("codeFindCount");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setMinWidth(Label.USE_PREF_SIZE);
        Button previous = button(MaterialDesignC.CHEVRON_UP, "Previous match (Shift Enter)");
        previous.setOnAction(e -> go(true, false));
        Button next = button(MaterialDesignC.CHEVRON_DOWN, "Next match (Enter)");
        next.setOnAction(e -> go(false, false));
        Button close = button(MaterialDesignC.CLOSE, "Close (Escape)");
        close.setOnAction(e -> close());
        getChildren().addAll(new FontIcon(MaterialDesignM.MAGNIFY), field, count, previous, next, close);
        field.textProperty().addListener((obs, o, n) -> go(false, true));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                go(e.isShiftDown(), false);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        setVisible(false);
        setManaged(false);
    }

    private static Button button(org.kordamp.ikonli.Ikon icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        return b;
    }

    void open() {
        setVisible(true);
        setManaged(true);
        field.requestFocus();
        field.selectAll();
        if (!field.getText().isEmpty()) {
            go(false, true);
        }
    }

    void close() {
        setVisible(false);
        setManaged(false);
    }

    public TextField field() {
        return field;
    }

    public String countText() {
        return count.getText();
    }

    /** The text changed under the bar (a new program, another tab): search it again. */
    void refind() {
        if (isVisible() && !field.getText().isEmpty()) {
            go(false, true);
        }
    }

    private void go(boolean backwards, boolean restart) {
        String q = field.getText();
        if (q.isEmpty()) {
            count.setText("");
            return;
        }
        int n = search.applyAsInt(new Query(q, backwards, restart));
        count.setText(n < 0 ? "Loading…" : n == 0 ? "No matches" : n == 1 ? "1 match" : Format.count(n) + " matches");
        field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), n == 0);
    }

    /** Start offsets of every case-insensitive occurrence of {@code query} in {@code text}. */
    static List<Integer> matches(String text, String query) {
        String t = text.toLowerCase(Locale.ROOT);
        String q = query.toLowerCase(Locale.ROOT);
        List<Integer> hits = new ArrayList<>();
        for (int i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1)) {
            hits.add(i);
        }
        return hits;
    }
}
