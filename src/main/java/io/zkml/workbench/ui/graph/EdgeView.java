package io.zkml.workbench.ui.graph;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurveTo;

import java.util.List;

/** One data-flow edge: the routed polyline with rounded bends and an arrow at the consumer. */
public final class EdgeView extends Group {

    private static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    private static final double CORNER = 8;
    private static final double ARROW = 7;

    private final GraphLayout.EdgeRoute route;

    public EdgeView(GraphLayout.EdgeRoute route) {
        this.route = route;
        getStyleClass().add("graph-edge");
        List<Point2D> pts = route.points();
        Path line = new Path();
        line.getStyleClass().add("graph-edge-line");
        line.getElements().add(new MoveTo(pts.get(0).getX(), pts.get(0).getY()));
        for (int i = 1; i < pts.size() - 1; i++) {
            Point2D prev = pts.get(i - 1);
            Point2D bend = pts.get(i);
            Point2D next = pts.get(i + 1);
            double r = Math.min(CORNER, Math.min(bend.distance(prev), bend.distance(next)) / 2);
            Point2D in = toward(bend, prev, r);
            Point2D out = toward(bend, next, r);
            line.getElements().add(new LineTo(in.getX(), in.getY()));
            line.getElements().add(new QuadCurveTo(bend.getX(), bend.getY(), out.getX(), out.getY()));
        }
        Point2D end = pts.get(pts.size() - 1);
        Point2D beforeEnd = pts.get(pts.size() - 2);
        // The line stops at the arrow's base so the stroke does not poke through its tip.
        Point2D base = toward(end, beforeEnd, ARROW);
        line.getElements().add(new LineTo(base.getX(), base.getY()));
        getChildren().addAll(line, arrow(beforeEnd, end));
    }

    private static Point2D toward(Point2D from, Point2D to, double distance) {
        double len = from.distance(to);
        return len == 0 ? from : from.add(to.subtract(from).multiply(distance / len));
    }

    private static Polygon arrow(Point2D from, Point2D tip) {
        Point2D dir = tip.subtract(from).normalize();
        Point2D normal = new Point2D(-dir.getY(), dir.getX());
        Point2D base = tip.subtract(dir.multiply(ARROW));
        Point2D a = base.add(normal.multiply(ARROW * 0.6));
        Point2D b = base.subtract(normal.multiply(ARROW * 0.6));
        Polygon p = new Polygon(tip.getX(), tip.getY(), a.getX(), a.getY(), b.getX(), b.getY());
        p.getStyleClass().add("graph-edge-arrow");
        return p;
    }

    public GraphLayout.EdgeRoute route() {
        return route;
    }

    /** Highlights edges that touch the selection so a node's inputs and consumers stand out. */
    public void setActive(boolean active) {
        pseudoClassStateChanged(ACTIVE, active);
    }
}
