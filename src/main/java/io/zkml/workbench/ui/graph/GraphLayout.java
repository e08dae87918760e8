package io.zkml.workbench.ui.graph;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

import java.util.List;
import java.util.Map;

/**
 * Where every node card and edge goes, in graph coordinates (origin top-left, unscaled).
 *
 * @param nodes  each node's card bounds by node name
 * @param edges  one route per data-flow edge, in the order of the nodes' inputs
 * @param width  extent of the whole drawing
 * @param height extent of the whole drawing
 */
public record GraphLayout(Map<String, Rectangle2D> nodes, List<EdgeRoute> edges, double width, double height,
                          LayoutDirection direction) {

    public GraphLayout {
        nodes = Map.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A polyline from the producer's card to the consumer's card. */
    public record EdgeRoute(String from, String to, List<Point2D> points) {
        public EdgeRoute {
            points = List.copyOf(points);
        }
    }
}
