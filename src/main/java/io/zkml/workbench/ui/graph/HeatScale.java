package io.zkml.workbench.ui.graph;

import javafx.scene.paint.Color;

/**
 * Maps a value in 0..1 to a heat colour. Cool blue through amber to red, translucent so the
 * card text stays readable on both the light and the dark theme.
 */
public final class HeatScale {

    public static final Color LOW = Color.web("#3b82f6");
    public static final Color MID = Color.web("#f59e0b");
    public static final Color HIGH = Color.web("#ef4444");
    public static final double OPACITY = 0.55;

    private HeatScale() {
    }

    public static Color color(double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        Color c = x < 0.5 ? LOW.interpolate(MID, x * 2) : MID.interpolate(HIGH, (x - 0.5) * 2);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), OPACITY);
    }

    /** The same scale as a CSS gradient, for the legend. */
    public static String cssGradient() {
        return "linear-gradient(to right, " + css(LOW) + ", " + css(MID) + ", " + css(HIGH) + ")";
    }

    private static String css(Color c) {
        return String.format(java.util.Locale.US, "rgba(%d,%d,%d,%.2f)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), OPACITY);
    }
}
