package io.zkml.workbench.ui.graph;

import io.zkml.workbench.ui.TestGraphs;

import io.zkml.workbench.graph.ModelGraph;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredLayoutTest {

    private final LayeredLayout layout = new LayeredLayout(200, 100);

    @Test
    void placesEveryNodeWithoutOverlapAndRoutesEveryEdge() {
        ModelGraph g = TestGraphs.branchAndMerge();
        GraphLayout result = layout.layout(g, LayoutDirection.TOP_TO_BOTTOM);

        assertEquals(g.nodes().size(), result.nodes().size());
        assertEquals(6, result.edges().size());
        List<Rectangle2D> boxes = new ArrayList<>(result.nodes().values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), "cards overlap: " + boxes.get(i) + " " + boxes.get(j));
            }
        }
        result.edges().forEach(e -> assertTrue(e.points().size() >= 2, "edge without route " + e));
    }

    @Test
    void flowsInTheRequestedDirection() {
        ModelGraph g = TestGraphs.chain();
        GraphLayout down = layout.layout(g, LayoutDirection.TOP_TO_BOTTOM);
        GraphLayout right = layout.layout(g, LayoutDirection.LEFT_TO_RIGHT);

        assertTrue(down.nodes().get("output").getMinY() > down.nodes().get("input").getMaxY());
        assertTrue(right.nodes().get("output").getMinX() > right.nodes().get("input").getMaxX());
    }

    @Test
    void branchesSitSideBySide() {
        GraphLayout r = layout.layout(TestGraphs.branchAndMerge(), LayoutDirection.TOP_TO_BOTTOM);
        assertEquals(r.nodes().get("branch_left").getMinY(), r.nodes().get("branch_right").getMinY(), 1e-6);
    }
}
