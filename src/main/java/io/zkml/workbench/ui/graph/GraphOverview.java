package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The level-of-detail drawing of a large graph: one canvas the size of the view, so the scene
 * graph holds one node however many layers the model has. Edges are always drawn here; nodes are
 * drawn here while no cards stand in for them — as repeated blocks ("Dense · ReLU ×500") when zoomed
 * out, as plain boxes otherwise. Only what intersects the view is drawn.
 */
public final class GraphOverview extends Canvas {

    /** Op families' colours (the cards take theirs from CSS, which a canvas cannot read). */
    private static final Map<String, Color> FAMILY = Map.of(
            "op-io", Color.web("#6e7781"),
            "op-linear", Color.web("#0969da"),
            "op-pool", Color.web("#1a7f37"),
            "op-norm", Color.web("#9a6700"),
            "op-act", Color.web("#8250df"),
            "op-shape", Color.web("#8c959f"),
            "op-merge", Color.web("#cf222e"));
    private static final Color EDGE = Color.web("#8c959f");
    private static final Color ACTIVE = Color.web("#0969da");
    private static final Color SELECTED = Color.web("#fb8f44");

    private ModelGraph graph;
    private GraphLayout layout;
    private List<GraphRuns.Run> runs = List.of();
    private final Map<String, String> family = new HashMap<>();
    private final Map<String, String> type = new HashMap<>();

    public GraphOverview() {
        setMouseTransparent(true);
        setManaged(false);
    }

    /** The graph and layout to draw; null clears. Cheap: the runs are found once per graph. */
    public void show(ModelGraph g, GraphLayout l) {
        if (g != graph) {
            family.clear();
            type.clear();
            runs = g == null ? List.of() : GraphRuns.of(g);
            if (g != null) {
                for (Node n : g.nodes()) {
                    family.put(n.name(), OpStyle.of(n.op()).family());
                    type.put(n.name(), n.typeName());
                }
            }
        }
        graph = g;
        layout = l;
    }

    /** Wipes the drawing (another, small graph is shown with cards). */
    public void clear() {
        getGraphicsContext2D().clearRect(0, 0, getWidth(), getHeight());
    }

    public List<GraphRuns.Run> runs() {
        return runs;
    }

    /**
     * Redraws the visible part.
     *
     * @param zoom      the view's scale
     * @param tx        the graph's pan offset in view coordinates
     * @param ty        the graph's pan offset in view coordinates
     * @param nodes     whether to draw the nodes (false while cards stand for them)
     * @param collapse  whether repeated blocks are drawn as one
     * @param selected  the selected nodes
     * @param heat      heat-map colours by node, when the heat map is on
     */
    public void draw(double zoom, double tx, double ty, boolean nodes, boolean collapse, Set<String> selected,
              Map<String, Color> heat) {
        GraphicsContext gc = getGraphicsContext2D();
        gc.clearRect(0, 0, getWidth(), getHeight());
        if (graph == null || layout == null) {
            return;
        }
        Rectangle2D view = new Rectangle2D(-tx / zoom, -ty / zoom, Math.max(1, getWidth() / zoom),
                Math.max(1, getHeight() / zoom));
        Map<String, GraphRuns.Run> blockOf = new HashMap<>();
        if (nodes && collapse) {
            for (GraphRuns.Run r : runs) {
                if (r.collapsed()) {
                    r.nodes().forEach(n -> blockOf.put(n, r));
                }
            }
        }
        gc.setLineWidth(1);
        for (GraphLayout.EdgeRoute e : layout.edges()) {
            GraphRuns.Run block = blockOf.get(e.from());
            if (block != null && block == blockOf.get(e.to())) {
                continue; // inside a collapsed block
            }
            if (!view.intersects(bounds(e.points()))) {
                continue;
            }
            boolean active = selected.contains(e.from()) || selected.contains(e.to());
            gc.setStroke(active ? ACTIVE : EDGE);
            gc.setLineWidth(active ? 2 : 1);
            gc.beginPath();
            Point2D p0 = e.points().get(0);
            gc.moveTo(tx + p0.getX() * zoom, ty + p0.getY() * zoom);
            for (Point2D p : e.points().subList(1, e.points().size())) {
                gc.lineTo(tx + p.getX() * zoom, ty + p.getY() * zoom);
            }
            gc.stroke();
        }
        if (!nodes) {
            return;
        }
        gc.setTextBaseline(VPos.CENTER);
        for (GraphRuns.Run r : runs) {
            if (collapse && r.collapsed()) {
                Rectangle2D b = union(r.nodes());
                if (view.intersects(b)) {
                    box(gc, b, zoom, tx, ty, FAMILY.getOrDefault(family.get(r.nodes().get(0)), EDGE), null, r.label());
                }
                // A selected node inside a block keeps its own outline, so the selection never hides.
                for (String n : r.nodes()) {
                    if (selected.contains(n)) {
                        outline(gc, layout.nodes().get(n), zoom, tx, ty);
                    }
                }
            } else {
                for (String n : r.nodes()) {
                    Rectangle2D b = layout.nodes().get(n);
                    if (b != null && view.intersects(b)) {
                        box(gc, b, zoom, tx, ty, FAMILY.getOrDefault(family.get(n), EDGE), heat.get(n),
                                type.get(n));
                        if (selected.contains(n)) {
                            outline(gc, b, zoom, tx, ty);
                        }
                    }
                }
            }
        }
    }

    private static void box(GraphicsContext gc, Rectangle2D b, double zoom, double tx, double ty, Color colour,
                            Color heat, String label) {
        double x = tx + b.getMinX() * zoom;
        double y = ty + b.getMinY() * zoom;
        double w = Math.max(2, b.getWidth() * zoom);
        double h = Math.max(2, b.getHeight() * zoom);
        double arc = Math.min(12, Math.min(w, h) / 2);
        gc.setFill(heat != null ? heat : colour.deriveColor(0, 1, 1, 0.22));
        gc.fillRoundRect(x, y, w, h, arc, arc);
        gc.setStroke(colour);
        gc.setLineWidth(1);
        gc.strokeRoundRect(x, y, w, h, arc, arc);
        // Inside the box where it fits; beside it when the box is a narrow column (a zoomed-out chain);
        // a speck gets none.
        // The canvas gets no CSS: the label follows the theme the app set (AtlantaFX Primer light or dark).
        boolean dark = String.valueOf(javafx.application.Application.getUserAgentStylesheet()).toLowerCase(
                java.util.Locale.ROOT).contains("dark");
        gc.setFill(dark ? colour.brighter().brighter() : colour.darker());
        if (w >= 60 && h >= 16) {
            double size = Math.min(13, h * 0.45);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setFont(Font.font(size));
            gc.fillText(label, x + w / 2, y + Math.min(h / 2, 12 + size), w - 4);
        } else if (h >= 7) {
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setFont(Font.font(Math.min(13, Math.max(8, h * 0.8))));
            gc.fillText(label, x + w + 6, y + Math.min(h / 2, 10));
        }
    }

    private static void outline(GraphicsContext gc, Rectangle2D b, double zoom, double tx, double ty) {
        if (b == null) {
            return;
        }
        gc.setStroke(SELECTED);
        gc.setLineWidth(3);
        gc.strokeRoundRect(tx + b.getMinX() * zoom - 2, ty + b.getMinY() * zoom - 2, Math.max(4, b.getWidth() * zoom + 4),
                Math.max(4, b.getHeight() * zoom + 4), 8, 8);
    }

    private Rectangle2D union(List<String> names) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (String n : names) {
            Rectangle2D r = layout.nodes().get(n);
            if (r != null) {
                x0 = Math.min(x0, r.getMinX());
                y0 = Math.min(y0, r.getMinY());
                x1 = Math.max(x1, r.getMaxX());
                y1 = Math.max(y1, r.getMaxY());
            }
        }
        return x0 > x1 ? Rectangle2D.EMPTY : new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
    }

    private static Rectangle2D bounds(List<Point2D> points) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point2D p : points) {
            x0 = Math.min(x0, p.getX());
            y0 = Math.min(y0, p.getY());
            x1 = Math.max(x1, p.getX());
            y1 = Math.max(y1, p.getY());
        }
        // A straight edge has no width; give it one so it still intersects the view.
        return new Rectangle2D(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
}
