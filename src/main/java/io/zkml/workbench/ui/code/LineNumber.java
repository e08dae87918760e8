package io.zkml.workbench.ui.code;

import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

/**
 * A line number in the Code tab's gutter: a region (whose background marks the selected layer's lines)
 * around one text, sized and placed exactly as the left-aligned {@code Label} it replaces (the gutter looks
 * the same to the pixel). Not a label: the code area builds a gutter node for every line that scrolls into
 * view, and a label adds a skin and a control's CSS properties to every line it numbers (issue #14).
 * Styled by {@code .lineno} and {@code .lineno-text}.
 */
public final class LineNumber extends Region {

    private final int line;
    private final Text number;

    /** The gutter node of 0-based paragraph {@code line}. */
    LineNumber(int line) {
        this.line = line;
        number = new Text(String.format("%5d", line + 1));
        // Drawn as a label draws its text: the theme's `.text` rules (colour, smoothing), centred on its line box.
        number.getStyleClass().addAll("text", "lineno-text");
        number.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER);
        getChildren().add(number);
        getStyleClass().add("lineno");
    }

    /** The 0-based paragraph this numbers. */
    public int line() {
        return line;
    }

    // As a label measures itself: the text's own width, not rounded to a pixel, so the gutter is as wide as it was.
    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + number.getLayoutBounds().getWidth() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + number.getLayoutBounds().getHeight() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    /** Left-aligned and centred vertically, rounded as a label rounds its text's place (CENTER_LEFT). */
    @Override
    protected void layoutChildren() {
        double top = snappedTopInset();
        double inner = snapSizeY(getHeight()) - top - snappedBottomInset();
        double textHeight = snapSizeY(number.getLayoutBounds().getHeight());
        number.relocate(snapPositionX(snappedLeftInset()), snapPositionY(top + (inner - textHeight) / 2));
    }
}
