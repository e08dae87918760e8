package io.zkml.workbench.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;

/**
 * Theme (AtlantaFX Primer light/dark) and base font size. The font size scales every control
 * that sizes in em, which is how the workbench stays readable on a projector.
 */
public final class Appearance {

    public static final double DEFAULT_FONT = 14;
    public static final double MIN_FONT = 11;
    public static final double MAX_FONT = 24;

    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final DoubleProperty fontSize = new SimpleDoubleProperty(this, "fontSize", DEFAULT_FONT);

    public Appearance() {
        dark.addListener(o -> applyTheme());
    }

    /** The user-agent stylesheet is JavaFX-wide, so the theme follows the last Appearance applied. */
    public void applyTheme() {
        Application.setUserAgentStylesheet(dark.get()
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public void bindFontSize(Parent root) {
        root.styleProperty().bind(fontSize.asString(java.util.Locale.US, "-fx-font-size: %.0fpx;"));
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public void larger() {
        fontSize.set(Math.min(MAX_FONT, fontSize.get() + 2));
    }

    public void smaller() {
        fontSize.set(Math.max(MIN_FONT, fontSize.get() - 2));
    }
}
