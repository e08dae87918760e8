package io.zkml.workbench.ui;

import io.zkml.workbench.ui.audit.AuditView;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit window's bar at 1024 px with a long bundle path, at the default text and the largest A+ step:
 * the buttons keep their whole names, the path gives way (cut, and whole in its tooltip). Before, the
 * three buttons were cut to "Open proof b…", "Check against …" and "Export HTML r…".
 */
@ExtendWith(ApplicationExtension.class)
class AuditBarLayoutUiTest extends HeadlessFx {

    private static final String LONG_PATH = "/home/auditor/Downloads/bundles/from-the-model-owner/2026-12/"
            + "iris-tiny-private-committed-weights-row-0-proof-bundle.zip";

    @Test
    void theButtonsKeepTheirNamesAndThePathGivesWay(FxRobot robot) throws Exception {
        for (double font : List.of(Appearance.DEFAULT_FONT, Appearance.MAX_FONT)) {
            List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
                new Appearance().applyTheme();
                Stage stage = new Stage();
                AuditView view = new AuditView(() -> stage);
                view.setStyle("-fx-font-size: " + font + "px;");
                stage.setScene(new Scene(view, 1024, 768));
                stage.show();
                Label file = (Label) view.lookup("#auditFile");
                file.setText(LONG_PATH);
                view.applyCss();
                view.layout();
                List<String> out = new ArrayList<>();
                for (Node n : view.lookupAll(".button")) {
                    if (n instanceof Button b && !b.getText().equals(ShownText.of(b))) {
                        out.add(font + " px: \"" + b.getText() + "\" is cut to \"" + ShownText.of(b) + "\"");
                    }
                }
                if (!LONG_PATH.equals(file.getTooltip() == null ? null : file.getTooltip().getText())) {
                    out.add(font + " px: the path's tooltip is not the whole path");
                }
                stage.close();
                return out;
            }).get();
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }
}
