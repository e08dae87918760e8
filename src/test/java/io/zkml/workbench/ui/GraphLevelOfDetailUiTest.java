package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.GraphLayout;
import io.zkml.workbench.ui.graph.GraphRuns;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.LayeredLayout;
import io.zkml.workbench.ui.graph.LayoutDirection;
import io.zkml.workbench.ui.graph.NodeCard;

import io.zkml.workbench.graph.ModelGraph;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graph view on a 2,000-node network (a chain of 999 Dense · ReLU blocks, laid out by ELK as
 * the workbench does): it stays within a scene-graph budget at every zoom, collapses the repeated
 * blocks when zoomed out, makes cards only for what is in view, and still selects by click and key.
 * Counts nodes, never times.
 */
@ExtendWith(ApplicationExtension.class)
class GraphLevelOfDetailUiTest extends HeadlessFx {

    /** Scene-graph nodes the view may hold for any graph: the cards' budget plus the canvas and legend. */
    private static final int NODE_BUDGET = 3_000;

    private static ModelGraph deep;
    private static GraphLayout deepLayout;

    private GraphView view;

    @BeforeAll
    static void layOut() {
        deep = TestGraphs.deepChain(999);
        deepLayout = new LayeredLayout(NodeCard.WIDTH, NodeCard.HEIGHT).layout(deep, LayoutDirection.TOP_TO_BOTTOM);
    }

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        appearance.applyTheme();
        view = new GraphView();
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(WorkbenchApp.class.getResource(WorkbenchApp.CSS).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void repeatedBlocksCollapseIntoOne() {
        assertEquals(2_000, deep.nodes().size());
        List<GraphRuns.Run> runs = GraphRuns.of(deep);
        assertEquals(3, runs.size(), "input, the repeated block, output");
        GraphRuns.Run block = runs.get(1);
        assertEquals(999, block.repeats());
        assertEquals(1_998, block.nodes().size());
        assertEquals("Dense · Activation ReLU ×999", block.label());
        assertFalse(runs.get(0).collapsed());
    }

    @Test
    void aBranchingGraphIsNotCollapsed() {
        ModelGraph g = TestGraphs.branchAndMerge();
        assertEquals(g.nodes().size(), GraphRuns.of(g).size(), "no node of a branch is part of a chain block");
    }

    @Test
    void zoomedOutTheOverviewStandsAloneWithinTheBudget(FxRobot robot) {
        on(() -> {
            view.show(deep, deepLayout);
            view.fitToWindow();
        });
        assertTrue(fx(view::levelOfDetail));
        assertTrue(fx(view::zoom) < GraphView.DETAIL_ZOOM);
        assertTrue(fx(() -> view.cards().isEmpty()), "no cards when zoomed out");
        int nodes = fx(() -> count(view));
        assertTrue(nodes <= 20, "the overview is one canvas, whatever the graph: " + nodes + " nodes");
        assertEquals(3, fx(() -> view.overviewBlocks().size()));
    }

    @Test
    void zoomedInOnlyTheCardsInViewExist(FxRobot robot) {
        on(() -> {
            view.show(deep, deepLayout);
            view.resetZoom();
        });
        on(() -> view.reveal("input"));
        Set<String> first = fx(() -> Set.copyOf(view.cards().keySet()));
        assertTrue(first.contains("input"), "the card in view exists: " + first);
        assertTrue(first.size() <= GraphView.CARD_BUDGET, first.size() + " cards");
        assertTrue(fx(() -> count(view)) <= NODE_BUDGET, "within the budget zoomed in");
        // Moving to the far end of the chain: its cards replace the first ones.
        on(() -> view.reveal("output"));
        Set<String> last = fx(() -> Set.copyOf(view.cards().keySet()));
        assertTrue(last.contains("output") && !last.contains("input"), last.toString());
        assertTrue(last.size() <= GraphView.CARD_BUDGET);
        assertTrue(fx(() -> count(view)) <= NODE_BUDGET);
    }

    @Test
    void selectionWorksWithoutCards(FxRobot robot) {
        on(() -> {
            view.show(deep, deepLayout);
            view.fitToWindow();
        });
        on(() -> view.reveal("input"));
        assertTrue(fx(() -> view.cards().isEmpty()));
        // Click where the overview draws the input node: it is selected though it has no card.
        Point2D at = fx(() -> {
            Rectangle2D r = deepLayout.nodes().get("input");
            Point2D centre = new Point2D(r.getMinX() + r.getWidth() / 2, r.getMinY() + r.getHeight() / 2);
            Point2D local = new Point2D(view.pan().getX() + centre.getX() * view.zoom(),
                    view.pan().getY() + centre.getY() * view.zoom());
            return view.localToScreen(local);
        });
        robot.clickOn(at);
        assertEquals("input", fx(() -> view.selection().primary()));
        // Selecting deep in the chain and revealing it at a readable zoom gives it a selected card.
        on(() -> {
            view.selection().select("relu_500");
            view.resetZoom();
        });
        on(() -> view.reveal("relu_500"));
        assertTrue(fx(() -> view.cards().containsKey("relu_500")));
        assertTrue(fx(() -> view.cards().get("relu_500").getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("selected"))));
    }

    @Test
    void aSmallGraphKeepsACardPerNode() {
        ModelGraph g = TestGraphs.branchAndMerge();
        GraphLayout l = new LayeredLayout(NodeCard.WIDTH, NodeCard.HEIGHT).layout(g, LayoutDirection.TOP_TO_BOTTOM);
        // Replacing a large graph (its view pass still pending) by a small one, as opening another model does.
        on(() -> {
            view.show(deep, deepLayout);
            view.resetZoom();
            view.show(g, l);
            view.fitToWindow();
        });
        assertFalse(fx(view::levelOfDetail));
        assertEquals(g.nodes().size(), fx(() -> view.cards().size()));
        assertEquals(6, fx(() -> view.edges().size()));
    }

    /** Every node in the scene graph under {@code n}, itself included. */
    private static int count(javafx.scene.Node n) {
        int c = 1;
        if (n instanceof Parent p) {
            for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
                c += count(child);
            }
        }
        return c;
    }

    /** Runs on the FX thread and lets the layout pass that follows run too. */
    private static void on(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, r);
        WaitForAsyncUtils.waitForFxEvents(3);
    }

    private static <T> T fx(Callable<T> c) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, c);
    }
}
