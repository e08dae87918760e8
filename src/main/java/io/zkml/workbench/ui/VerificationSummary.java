package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.bundle.VerificationReport;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** A verification report in words: the verdict, the statement of what was proven, each check. */
final class VerificationSummary extends VBox {

    VerificationSummary(VerificationReport r) {
        setSpacing(6);
        getStyleClass().addAll("verification-summary", r.valid() ? "valid" : "invalid");
        Label verdict = new Label(r.valid() ? "Verified" : "NOT valid — " + r.failures().size() + " check(s) failed",
                new FontIcon(r.valid() ? MaterialDesignS.SHIELD_CHECK : MaterialDesignS.SHIELD_ALERT));
        verdict.setId("verdict");
        verdict.getStyleClass().addAll(Styles.TITLE_3, "verdict");
        Label statement = new Label(r.statement());
        statement.setWrapText(true);
        statement.setId("statement");
        getChildren().addAll(verdict, statement);
        for (VerificationReport.Check c : r.checks()) {
            Label l = new Label(c.name() + ": " + c.detail(),
                    new FontIcon(c.passed() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignC.CLOSE_CIRCLE));
            l.setWrapText(true);
            l.getStyleClass().addAll("check", c.passed() ? "status-ok" : "status-missing");
            getChildren().add(l);
        }
    }
}
