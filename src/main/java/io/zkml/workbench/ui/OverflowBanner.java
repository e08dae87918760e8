package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.OverflowEvent;
import io.zkml.workbench.quant.OverflowReport;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A warning strip above the graph when the current spec overflows (the proof would abort or the
 * simulator could not represent a value), when it has collapsed (most values clip at their bound,
 * or accuracy is lost: {@link io.zkml.workbench.quant.CollapseCheck}, with a Calibrate button), or
 * when the settings cannot be evaluated at all. It lists where it happened — layer, neuron,
 * sample — so the user knows which control to change.
 */
final class OverflowBanner extends VBox {

    static final int EVENTS_SHOWN = 6;

    private final Label title = new Label();
    private final VBox lines = new VBox(2);
    private final Button dismiss = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
    /** Offered when the spec has collapsed: calibration fits every range to the data. */
    final Button calibrate = new Button("Calibrate");

    OverflowBanner() {
        setId("overflowBanner");
        getStyleClass().add("overflow-banner");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        title.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        dismiss.setOnAction(e -> hide());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        calibrate.setId("bannerCalibrate");
        calibrate.getStyleClass().add(Styles.SMALL);
        calibrate.setTooltip(new javafx.scene.control.Tooltip(
                "Propose a spec from the dataset's activation ranges (replaces the current one)"));
        HBox head = new HBox(8, title, grow, calibrate, dismiss);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, lines);
        hide();
    }

    /** Overflow first (the proof would abort); a collapse alone gets its own title and Calibrate. */
    void showReport(OverflowReport report, Optional<CollapseWarning> collapse) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), false);
        if (report.isClean()) {
            if (collapse.isEmpty()) {
                hide();
                return;
            }
            title.setText("Collapse: " + collapse.get().headline()
                    + " — the proof would succeed, but of a model that no longer works");
            lines.getChildren().setAll(line(collapse.get().message()));
            calibrate.setVisible(true);
            calibrate.setManaged(true);
            show();
            return;
        }
        calibrate.setVisible(collapse.isPresent());
        calibrate.setManaged(collapse.isPresent());
        long total = report.totalCount();
        title.setText(total + " overflow" + (total == 1 ? "" : "s") + " in " + report.countByLayer().size()
                + " layer" + (report.countByLayer().size() == 1 ? "" : "s")
                + ": with these settings the proof would abort or compute wrong values");
        List<OverflowEvent> events = report.events();
        lines.getChildren().clear();
        events.stream().limit(EVENTS_SHOWN).forEach(e -> lines.getChildren().add(line(describe(e))));
        if (events.size() > EVENTS_SHOWN || total > EVENTS_SHOWN) {
            lines.getChildren().add(line("… and " + (total - Math.min(EVENTS_SHOWN, events.size())) + " more"));
        }
        collapse.ifPresent(c -> lines.getChildren().add(line(c.message())));
        show();
    }

    void showFailure(String message) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), true);
        title.setText("These settings cannot be evaluated");
        calibrate.setVisible(false);
        calibrate.setManaged(false);
        lines.getChildren().setAll(line(message));
        show();
    }

    void hide() {
        setVisible(false);
        setManaged(false);
    }

    private void show() {
        setVisible(true);
        setManaged(true);
    }

    String titleText() {
        return title.getText();
    }

    List<String> lineTexts() {
        return lines.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("overflow-line");
        return l;
    }

    /** One event in words: where, what, and by how much. */
    static String describe(OverflowEvent e) {
        String where = "layer " + e.layer() + ", " + (e.sample() < 0 ? "parameter " + e.neuron()
                : "neuron " + e.neuron() + ", sample " + e.sample());
        String what = switch (e.kind()) {
            case PARAMETER -> "a weight or bias does not fit the arithmetic domain";
            case DOMAIN_INPUT -> "an input value does not fit the arithmetic domain";
            case DOMAIN_ACCUMULATOR -> "a product or partial sum overflows the arithmetic domain";
            case ACTIVATION_BOUND -> "the activation exceeds its bit bound";
            case SIMULATOR_RANGE -> "a value exceeds 64 bits";
        };
        return String.format(Locale.US, "%s: %s (value %s, limit %s)", where, what, e.value(), e.limit());
    }
}
