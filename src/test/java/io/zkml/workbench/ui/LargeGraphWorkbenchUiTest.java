package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;

import io.zkml.workbench.io.WorkbenchHome;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole window on a 2,000-layer network (a deep chain standing in for the iris-mlp sample):
 * it opens, its scene graph stays within a budget, and keys, the inspector and the code panel's
 * selection still follow the graph. Counts nodes, never times.
 */
@ExtendWith(ApplicationExtension.class)
class LargeGraphWorkbenchUiTest extends HeadlessFx {

    /** The whole window's scene-graph nodes: toolbar, dashboard, side tabs and a screenful of cards. */
    private static final int WINDOW_BUDGET = 6_000;

    private static final ModelLoader LOADER = request -> OpenedModel.graphOnly(TestGraphs.deepChain(999));

    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        window = new MainWindow(LOADER, NodeMetricsProvider.NONE, SampleGalleryModel.fromCatalog(), appearance,
                new WorkbenchHome(home));
        stage.setScene(WorkbenchApp.createScene(window, 1280, 800));
        stage.show();
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void aTwoThousandLayerModelOpensWithinTheBudgetAndFollowsTheKeys(FxRobot robot) throws Exception {
        SampleModel any = SampleGalleryModel.fromCatalog().samples().get(0);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> window.open(new ModelRequest.Sample(any)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.loadedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents(5);
        GraphView view = window.graphView();
        assertEquals(2_000, window.loadedProperty().get().graph().nodes().size());
        assertTrue(view.levelOfDetail());
        int nodes = WaitForAsyncUtils.waitForAsyncFx(10_000, () -> count(window));
        assertTrue(nodes <= WINDOW_BUDGET, nodes + " scene-graph nodes");
        assertTrue(view.cards().size() <= GraphView.CARD_BUDGET);

        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            view.selection().clear();
            view.requestFocus();
        });
        robot.type(KeyCode.DOWN);
        assertEquals("input", view.selection().primary());
        for (int i = 0; i < 30; i++) {
            robot.type(KeyCode.DOWN);
        }
        WaitForAsyncUtils.waitForFxEvents(3);
        String at = view.selection().primary();
        assertEquals("relu_14", at, "30 steps down the chain from the input");
        assertTrue(view.cards().containsKey(at), "the selected node was scrolled into view with its card");
        assertTrue(robot.from(window.inspector()).lookup((javafx.scene.control.Label l) -> l.getText() != null
                && l.getText().startsWith(at + "  ·  ")).tryQuery().isPresent(), "the inspector shows the selected node");
        assertTrue(WaitForAsyncUtils.waitForAsyncFx(10_000, () -> count(window)) <= WINDOW_BUDGET);

        // Ctrl+A selects every layer, not only those with cards; a plain selection then narrows it
        // again and the inspector follows (it is rebuilt once per change, not once per node).
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEquals(2_000, view.selection().selected().size());
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> view.selection().select("dense_3"));
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEquals(java.util.Set.of("dense_3"), java.util.Set.copyOf(view.selection().selected()));
        assertTrue(robot.from(window.inspector()).lookup((javafx.scene.control.Label l) -> l.getText() != null
                && l.getText().startsWith("dense_3  ·  ")).tryQuery().isPresent(), "the inspector shows dense_3");
    }

    private static int count(javafx.scene.Node n) {
        int c = 1;
        if (n instanceof Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                c += count(child);
            }
        }
        return c;
    }
}
