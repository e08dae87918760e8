package io.zkml.workbench.ui.audit;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.VerificationReport;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;

/**
 * A verification report as the core wrote it: the verdict, the statement, the three parts (proven
 * by the proof, claimed by the bundle, not established) and each check. No words of its own: an
 * invalid report has no "proven" part, so none is shown.
 */
public final class VerificationSummary extends VBox {

    public VerificationSummary(VerificationReport r) {
        setSpacing(6);
        String state = switch (r.outcome()) {
            case VALID -> "valid";
            case NOT_VALID -> "invalid";
            case COULD_NOT_CHECK -> "unchecked";
        };
        getStyleClass().addAll("verification-summary", state);
        Label verdict = new Label(r.verdict(), new FontIcon(switch (r.outcome()) {
            case VALID -> MaterialDesignS.SHIELD_CHECK;
            case NOT_VALID -> MaterialDesignS.SHIELD_ALERT;
            case COULD_NOT_CHECK -> MaterialDesignH.HELP_CIRCLE_OUTLINE;
        }));
        verdict.setId("verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().addAll(Styles.TITLE_3, "verdict");
        Label statement = new Label(r.statement());
        statement.setWrapText(true);
        statement.setId("statement");
        getChildren().addAll(verdict, statement);
        if (!r.proven().isEmpty()) {
            getChildren().addAll(title(VerificationReport.PROVEN, "proven"), facts(r.proven()));
        }
        if (!r.claimed().isEmpty()) {
            getChildren().addAll(title(VerificationReport.CLAIMED, "claimed"), facts(r.claimed()));
        }
        getChildren().add(title(VerificationReport.NOT_ESTABLISHED, "notEstablished"));
        for (String n : r.notEstablished()) {
            Label l = new Label("• " + n);
            l.setWrapText(true);
            l.getStyleClass().add("audit-not-established");
            getChildren().add(l);
        }
        getChildren().add(title("What was checked", "checked"));
        for (VerificationReport.Check c : r.checks()) {
            Label l = new Label(c.name() + ": " + c.detail(), new FontIcon(c.notRun() ? MaterialDesignH.HELP_CIRCLE
                    : c.failed() ? MaterialDesignC.CLOSE_CIRCLE : MaterialDesignC.CHECK_CIRCLE));
            l.setWrapText(true);
            l.getStyleClass().addAll("check", c.notRun() ? "status-unknown" : c.failed() ? "status-missing" : "status-ok");
            getChildren().add(l);
        }
    }

    private static Label title(String text, String id) {
        Label l = new Label(text.toUpperCase(java.util.Locale.ROOT));
        l.setId(id);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static GridPane facts(List<VerificationReport.Fact> facts) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("audit-facts");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (VerificationReport.Fact f : facts) {
            Label k = new Label(f.label());
            k.getStyleClass().add(Styles.TEXT_MUTED);
            // The value wraps; the label never gives way (an elided "…" names nothing).
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(f.value());
            v.setWrapText(true);
            v.getStyleClass().add("audit-value");
            grid.addRow(row++, k, v);
        }
        return grid;
    }
}
