package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sugiyama-style layered layout by Eclipse ELK, run as a plain library (no OSGi). Pure
 * computation on immutable input, so it runs on a background thread.
 */
public final class LayeredLayout {

    public static final double NODE_SPACING = 36;
    public static final double LAYER_SPACING = 44;
    public static final double PADDING = 32;

    static {
        // ELK finds providers with ServiceLoader, which a shaded jar can break; registering
        // the one algorithm we use directly makes the layout independent of packaging.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final double cardWidth;
    private final double cardHeight;

    public LayeredLayout(double cardWidth, double cardHeight) {
        this.cardWidth = cardWidth;
        this.cardHeight = cardHeight;
    }

    public GraphLayout layout(ModelGraph graph, LayoutDirection direction) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION,
                direction == LayoutDirection.TOP_TO_BOTTOM ? Direction.DOWN : Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, LAYER_SPACING / 3);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(PADDING));

        Map<String, ElkNode> elkNodes = new HashMap<>();
        for (Node n : graph.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.name());
            e.setDimensions(cardWidth, cardHeight);
            elkNodes.put(n.name(), e);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        List<String[]> endpoints = new ArrayList<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                elkEdges.add(ElkGraphUtil.createSimpleEdge(elkNodes.get(in), elkNodes.get(n.name())));
                endpoints.add(new String[] {in, n.name()});
            }
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Rectangle2D> bounds = new HashMap<>();
        elkNodes.forEach((name, e) -> bounds.put(name, new Rectangle2D(e.getX(), e.getY(), e.getWidth(), e.getHeight())));
        List<GraphLayout.EdgeRoute> routes = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            routes.add(new GraphLayout.EdgeRoute(endpoints.get(i)[0], endpoints.get(i)[1], points(elkEdges.get(i))));
        }
        return new GraphLayout(bounds, routes, root.getWidth(), root.getHeight(), direction);
    }

    private static List<Point2D> points(ElkEdge edge) {
        List<Point2D> pts = new ArrayList<>();
        for (ElkEdgeSection s : edge.getSections()) {
            pts.add(new Point2D(s.getStartX(), s.getStartY()));
            for (ElkBendPoint b : s.getBendPoints()) {
                pts.add(new Point2D(b.getX(), b.getY()));
            }
            pts.add(new Point2D(s.getEndX(), s.getEndY()));
        }
        return pts;
    }
}
