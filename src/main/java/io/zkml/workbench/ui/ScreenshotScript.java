package io.zkml.workbench.ui;

import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;

/**
 * The screenshot mode's views beyond the main window: the Code tab on the selected layer, the
 * Prove tab after one run in snarkVM, or the audit window on a bundle. Each waits for its real
 * result, so the pictures show what the tool produces.
 */
final class ScreenshotScript {

    private final MainWindow window;
    private final LaunchOptions options;
    private final Path out;

    ScreenshotScript(MainWindow window, LaunchOptions options, Path out) {
        this.window = window;
        this.options = options;
        this.out = out;
    }

    void start(Stage stage) {
        if (options.audit().isPresent()) {
            io.zkml.workbench.ui.audit.AuditView view = io.zkml.workbench.ui.audit.AuditWindow.open(stage);
            Stage auditStage = (Stage) view.getScene().getWindow();
            auditStage.setWidth(options.width());
            auditStage.setHeight(options.height());
            // Once the audit has settled (a verdict or a failure), as the view has rendered it.
            view.stateProperty().addListener((obs, o, state) -> {
                if (o != null && o.busy() && !state.busy()) {
                    Platform.runLater(() -> WorkbenchApp.snapshotWhenSettled(auditStage, out));
                }
            });
            view.open(options.audit().get());
            return;
        }
        ProgramPanels p = window.programs();
        window.loadedProperty().addListener((obs, o, m) -> options.select().ifPresent(window::selectNode));
        p.generatedProperty().addListener((obs, o, g) -> {
            if (g == null) {
                return;
            }
            window.split().setDividerPositions(0.5);
            if ("prove".equals(options.tab().orElse(""))) {
                p.showProving();
                if (options.run()) {
                    p.proving().stateProperty().addListener((o2, a, s) -> {
                        if (s.lastRun() != null && (a == null || a.lastRun() != s.lastRun())) {
                            WorkbenchApp.snapshotWhenSettled(stage, out);
                        } else if (s.failure() != null && (a == null || a.failure() != s.failure())) {
                            // A run that fails (e.g. no sidecar) is pictured with its error, not waited on forever.
                            System.err.println("screenshot: the run failed: " + s.failure());
                            WorkbenchApp.snapshotWhenSettled(stage, out);
                        }
                    });
                    Platform.runLater(() -> p.proving().run.fire());
                    return;
                }
            } else {
                p.showCode();
                // The code is highlighted off the FX thread: the picture waits until the area holds it.
                javafx.animation.Timeline poll = new javafx.animation.Timeline();
                poll.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(100), e -> {
                    if (p.code().isUpToDate()) {
                        poll.stop();
                        WorkbenchApp.snapshotWhenSettled(stage, out);
                    }
                }));
                poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
                poll.play();
                return;
            }
            WorkbenchApp.snapshotWhenSettled(stage, out);
        });
    }
}
