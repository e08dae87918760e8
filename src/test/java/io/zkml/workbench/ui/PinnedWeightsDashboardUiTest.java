package io.zkml.workbench.ui;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.testing.SnarkVm;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;

/**
 * {@link WeightsModeDashboardUiTest}'s dashboard-equals-{@code zkml cost --project} check in the
 * pinned mode: a pinned program holds snarkVM's Poseidon hash of the weights, so the workbench and
 * the CLI each start a sidecar for it. That is why it runs in the snarkVM tier, beside
 * {@code GoldenPinnedSamplesTest}, and the quick tier stays free of Node.js.
 */
@SnarkVm
@ExtendWith(ApplicationExtension.class)
class PinnedWeightsDashboardUiTest extends HeadlessFx {

    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void irisMlpPinnedDashboardEqualsZkmlCost(FxRobot robot) throws Exception {
        fx.openSample("iris-mlp");
        WeightsModeDashboardUiTest.dashboardEqualsCli(fx, robot, "iris-mlp", List.of(WeightsMode.PINNED));
    }

    @Test
    void breastCancerMlpPinnedDashboardEqualsZkmlCost(FxRobot robot) throws Exception {
        fx.openSample("breast-cancer-mlp");
        WeightsModeDashboardUiTest.dashboardEqualsCli(fx, robot, "breast-cancer-mlp", List.of(WeightsMode.PINNED));
    }
}
