package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The graph editor canvas: node cards and edges at positions from a {@link GraphLayout}, with
 * pan (drag), zoom (wheel, touchpad pinch, Ctrl +/-/0, fit), click/Ctrl-click selection, arrow-key navigation
 * along edges, and an optional heat map from a {@link NodeMetricsProvider}.
 *
 * <p>A card is a few dozen scene-graph nodes, so a graph of thousands of layers cannot have one
 * each. Above {@link #FULL_DETAIL_NODES} nodes the view draws levels of detail instead: a
 * {@link GraphOverview} canvas draws the edges and, zoomed out, the nodes (repeated blocks collapsed
 * into one); from {@link #DETAIL_ZOOM} up, cards exist only for the nodes in view, at most
 * {@link #CARD_BUDGET}, and come and go as the user pans. Smaller graphs keep a card per node.
 */
public final class GraphView extends Region {

    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 4.0;
    public static final double ZOOM_STEP = 1.2;
    private static final double FIT_MARGIN = 24;
    private static final double MAX_FIT_ZOOM = 1.25;
    /** Below this card text gets hard to read, so a newly opened graph starts here instead. */
    public static final double READABLE_ZOOM = 0.85;
    /** Up to this many nodes every node has its card and every edge its shape (all the samples). */
    public static final int FULL_DETAIL_NODES = 200;
    /** In a larger graph, at most this many cards exist at once; with more in view the overview stands alone. */
    public static final int CARD_BUDGET = 80;
    /** In a larger graph, cards appear from this zoom up; below it their text would not be readable. */
    public static final double DETAIL_ZOOM = 0.5;

    private final Group content = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final BooleanProperty heatMap = new SimpleBooleanProperty(this, "heatMap", false);
    private final ObjectProperty<HeatMetric> heatMetric =
            new SimpleObjectProperty<>(this, "heatMetric", HeatMetric.CONSTRAINT_SHARE);
    private final ObjectProperty<NodeMetricsProvider> metricsProvider =
            new SimpleObjectProperty<>(this, "metricsProvider", NodeMetricsProvider.NONE);
    private final GraphSelection selection = new GraphSelection();
    private final Map<String, NodeCard> cards = new LinkedHashMap<>();
    private final BooleanProperty costUpdating = new SimpleBooleanProperty(this, "costUpdating");
    /** The compiler's refusal of one layer's value range, badged on that layer's card; null for none. */
    private final javafx.beans.property.ObjectProperty<LayerRefusal> refusal =
            new javafx.beans.property.SimpleObjectProperty<>(this, "refusal");
    private final List<EdgeView> edges = new ArrayList<>();
    private final HeatLegend legend = new HeatLegend();
    private final GraphOverview overview = new GraphOverview();
    /** Whether this graph is drawn with levels of detail (more than {@link #FULL_DETAIL_NODES} nodes). */
    private boolean large;
    private boolean viewDirty;
    /** The figures and heat colours of every node, for cards made later and for the overview. */
    private final Map<String, Optional<NodeMetrics>> nodeMetrics = new java.util.HashMap<>();
    private final Map<String, javafx.scene.paint.Color> heatColours = new java.util.HashMap<>();

    private ModelGraph graph;
    private GraphLayout layout;
    private boolean fitPending;
    private boolean fitReadable;
    /** A node to bring into view once the pending first placement is made (null: none). */
    private String revealAfterFit;
    private Point2D dragAnchor;
    private Point2D panAtAnchor;

    public GraphView() {
        getStyleClass().add("graph-view");
        setFocusTraversable(true);
        content.getTransforms().add(scale);
        content.getChildren().addAll(edgeLayer, nodeLayer);
        legend.setManaged(false);
        legend.visibleProperty().bind(heatMap);
        getChildren().addAll(overview, content, legend);
        refusal.addListener((obs, o, r) -> cards.forEach((name, card) -> card.setRefusal(refusalFor(name))));

        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        zoom.addListener((obs, o, z) -> {
            scale.setX(z.doubleValue());
            scale.setY(z.doubleValue());
        });
        selection.selected().addListener((SetChangeListener<String>) c -> refreshSelection());
        // A large graph redraws its overview and picks its cards whenever what is in view changes.
        zoom.addListener(o -> viewChanged());
        content.translateXProperty().addListener(o -> viewChanged());
        content.translateYProperty().addListener(o -> viewChanged());
        widthProperty().addListener(o -> viewChanged());
        heightProperty().addListener(o -> viewChanged());
        heatMap.addListener(o -> refreshMetrics());
        heatMetric.addListener(o -> refreshMetrics());
        metricsProvider.addListener(o -> refreshMetrics());
        costUpdating.addListener((obs, was, on) -> cards.values().forEach(c -> c.setCostUpdating(on)));

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> setCursor(Cursor.DEFAULT));
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, this::onPinch);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    // ---- content -------------------------------------------------------------------------

    /** Shows a graph with its layout and fits it to the window. */
    public void show(ModelGraph newGraph, GraphLayout newLayout) {
        graph = newGraph;
        selection.clear();
        cards.clear();
        nodeLayer.getChildren().clear();
        nodeMetrics.clear();
        heatColours.clear();
        large = newGraph.nodes().size() > FULL_DETAIL_NODES;
        overview.show(large ? newGraph : null, null);
        if (!large) {
            overview.clear(); // the last large graph's drawing must not stay under this one's cards
        }
        if (!large) {
            for (Node n : newGraph.nodes()) {
                NodeCard card = new NodeCard(n);
                card.setCostUpdating(costUpdating.get());
                card.setRefusal(refusalFor(n.name()));
                cards.put(n.name(), card);
                nodeLayer.getChildren().add(card);
            }
        }
        applyLayout(newLayout);
        refreshMetrics();
        showStart();
    }

    /** Moves cards and reroutes edges, e.g. after the user flips the layout direction. */
    public void applyLayout(GraphLayout newLayout) {
        layout = newLayout;
        newLayout.nodes().forEach((name, r) -> {
            NodeCard card = cards.get(name);
            if (card != null) {
                card.relocate(r.getMinX(), r.getMinY());
            }
        });
        edges.clear();
        edgeLayer.getChildren().clear();
        if (large) {
            overview.show(graph, newLayout);
        } else {
            for (GraphLayout.EdgeRoute route : newLayout.edges()) {
                EdgeView e = new EdgeView(route);
                edges.add(e);
                edgeLayer.getChildren().add(e);
            }
        }
        refreshSelection();
    }

    /** Whether the graph is drawn with levels of detail (it has more than {@link #FULL_DETAIL_NODES} nodes). */
    public boolean levelOfDetail() {
        return large;
    }

    /** The blocks the overview draws when zoomed out, for tests. */
    public List<GraphRuns.Run> overviewBlocks() {
        return overview.runs();
    }

    private void viewChanged() {
        if (large && !viewDirty) {
            viewDirty = true;
            requestLayout();
        }
    }

    /**
     * A large graph's view: cards for the nodes in view when zoomed in and few enough, the
     * overview for the rest. Runs in the layout pass, once however many changes led to it.
     */
    private void updateDetail() {
        viewDirty = false;
        double z = zoom.get();
        double tx = content.getTranslateX();
        double ty = content.getTranslateY();
        overview.setWidth(getWidth());
        overview.setHeight(getHeight());
        List<String> inView = new ArrayList<>();
        if (layout != null && z >= DETAIL_ZOOM) {
            // One card of margin, so a card is made before it slides into view.
            Rectangle2D view = new Rectangle2D(-tx / z - NodeCard.WIDTH, -ty / z - NodeCard.HEIGHT,
                    getWidth() / z + 2 * NodeCard.WIDTH, getHeight() / z + 2 * NodeCard.HEIGHT);
            for (Node n : graph.nodes()) {
                Rectangle2D r = layout.nodes().get(n.name());
                if (r != null && view.intersects(r) && inView.size() <= CARD_BUDGET) {
                    inView.add(n.name());
                }
            }
        }
        boolean detail = !inView.isEmpty() && inView.size() <= CARD_BUDGET;
        java.util.Set<String> wanted = detail ? new java.util.HashSet<>(inView) : java.util.Set.of();
        cards.entrySet().removeIf(en -> {
            if (!wanted.contains(en.getKey())) {
                nodeLayer.getChildren().remove(en.getValue());
                return true;
            }
            return false;
        });
        for (String name : detail ? inView : List.<String>of()) {
            if (!cards.containsKey(name)) {
                NodeCard card = new NodeCard(graph.node(name));
                card.setCostUpdating(costUpdating.get());
                card.setRefusal(refusalFor(name));
                card.setSelected(selection.isSelected(name));
                card.setMetrics(nodeMetrics.getOrDefault(name, Optional.empty()));
                card.setHeatColor(heatColours.get(name));
                Rectangle2D r = layout.nodes().get(name);
                card.relocate(r.getMinX(), r.getMinY());
                cards.put(name, card);
                nodeLayer.getChildren().add(card);
            }
        }
        overview.draw(z, tx, ty, !detail, z < DETAIL_ZOOM, selection.selected(), heatColours);
    }

    public Optional<ModelGraph> graph() {
        return Optional.ofNullable(graph);
    }

    public Optional<GraphLayout> currentLayout() {
        return Optional.ofNullable(layout);
    }

    /** The cards that exist: one per node, or in a large graph only those in view (none when zoomed out). */
    public Map<String, NodeCard> cards() {
        return java.util.Collections.unmodifiableMap(cards);
    }

    public List<EdgeView> edges() {
        return java.util.Collections.unmodifiableList(edges);
    }

    public GraphSelection selection() {
        return selection;
    }

    // ---- zoom and pan --------------------------------------------------------------------

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double zoom() {
        return zoom.get();
    }

    public void zoomIn() {
        zoomAt(zoom.get() * ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(zoom.get() / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void resetZoom() {
        zoomAt(1.0, getWidth() / 2, getHeight() / 2);
    }

    /** Sets the zoom keeping the graph point under (x, y) in view coordinates where it is. */
    public void zoomAt(double newZoom, double x, double y) {
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, newZoom));
        double old = zoom.get();
        double gx = (x - content.getTranslateX()) / old;
        double gy = (y - content.getTranslateY()) / old;
        zoom.set(z);
        content.setTranslateX(x - gx * z);
        content.setTranslateY(y - gy * z);
    }

    public void fitToWindow() {
        place(false);
    }

    /**
     * The first view of a graph: all of it if that stays readable, otherwise readable-sized
     * and anchored where data enters, since that is where users start reading.
     */
    public void showStart() {
        place(true);
    }

    private void place(boolean readableFirst) {
        if (layout == null) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            fitReadable = readableFirst;
            requestLayout();
            return;
        }
        fitPending = false;
        double z = Math.min((getWidth() - 2 * FIT_MARGIN) / layout.width(),
                (getHeight() - 2 * FIT_MARGIN) / layout.height());
        z = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, z));
        boolean anchor = readableFirst && z < READABLE_ZOOM;
        if (anchor) {
            z = READABLE_ZOOM;
        }
        zoom.set(z);
        double centreX = (getWidth() - layout.width() * z) / 2;
        double centreY = (getHeight() - layout.height() * z) / 2;
        boolean vertical = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        content.setTranslateX(anchor && !vertical ? 0 : Math.max(centreX, anchor ? 0 : centreX));
        content.setTranslateY(anchor && vertical ? 0 : Math.max(centreY, anchor ? 0 : centreY));
        if (revealAfterFit != null) {
            String name = revealAfterFit;
            revealAfterFit = null;
            reveal(name);
        }
    }

    /** Pans just enough to bring a node fully into view (after the graph's first placement, if that is pending). */
    public void reveal(String name) {
        if (layout == null || !layout.nodes().containsKey(name)) {
            return;
        }
        if (fitPending) {
            revealAfterFit = name; // the placement would undo a pan made now
            return;
        }
        Rectangle2D r = layout.nodes().get(name);
        double z = zoom.get();
        double left = content.getTranslateX() + r.getMinX() * z;
        double top = content.getTranslateY() + r.getMinY() * z;
        double right = left + r.getWidth() * z;
        double bottom = top + r.getHeight() * z;
        double dx = left < FIT_MARGIN ? FIT_MARGIN - left
                : right > getWidth() - FIT_MARGIN ? getWidth() - FIT_MARGIN - right : 0;
        double dy = top < FIT_MARGIN ? FIT_MARGIN - top
                : bottom > getHeight() - FIT_MARGIN ? getHeight() - FIT_MARGIN - bottom : 0;
        content.setTranslateX(content.getTranslateX() + dx);
        content.setTranslateY(content.getTranslateY() + dy);
    }

    @Override
    protected void layoutChildren() {
        legend.autosize();
        legend.relocate(16, getHeight() - legend.getHeight() - 16);
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            place(fitReadable);
        }
        if (viewDirty) {
            if (large) {
                updateDetail();
            } else {
                viewDirty = false; // a large graph was replaced before its pass ran: a small one keeps all its cards
            }
        }
    }

    // ---- heat map ------------------------------------------------------------------------

    public BooleanProperty heatMapProperty() {
        return heatMap;
    }

    public ObjectProperty<HeatMetric> heatMetricProperty() {
        return heatMetric;
    }

    public ObjectProperty<NodeMetricsProvider> metricsProviderProperty() {
        return metricsProvider;
    }

    /**
     * True while a newer program compiles: the cost badges keep the last program's figures,
     * marked as updating like the dashboard's tiles, rather than pass them off as current.
     */
    public BooleanProperty costUpdatingProperty() {
        return costUpdating;
    }

    private String refusalFor(String name) {
        LayerRefusal r = refusal.get();
        return r != null && r.isFor(name) ? r.message() : null;
    }

    public javafx.beans.property.ObjectProperty<LayerRefusal> refusalProperty() {
        return refusal;
    }

    /** Whether the current provider has figures for at least one node. */
    public boolean hasMetrics() {
        return graph != null && graph.nodes().stream().anyMatch(n -> metricsFor(n).isPresent());
    }

    public Optional<NodeMetrics> metricsFor(Node n) {
        return graph == null ? Optional.empty() : metricsProvider.get().metrics(graph, n);
    }

    private void refreshMetrics() {
        if (graph == null) {
            return;
        }
        Map<String, Optional<NodeMetrics>> all = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            all.put(n.name(), metricsFor(n));
        }
        HeatMetric metric = heatMetric.get();
        OptionalDouble max = all.values().stream().flatMap(Optional::stream).map(metric::valueOf)
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).max();
        legend.show(metric, max.orElse(0));
        nodeMetrics.clear();
        heatColours.clear();
        all.forEach((name, m) -> {
            OptionalDouble v = m.map(metric::valueOf).orElse(OptionalDouble.empty());
            javafx.scene.paint.Color heat = null;
            if (heatMap.get() && v.isPresent()) {
                double top = max.orElse(0);
                heat = HeatScale.color(top > 0 ? v.getAsDouble() / top : 0);
                heatColours.put(name, heat);
            }
            nodeMetrics.put(name, m);
            NodeCard card = cards.get(name);
            if (card != null) {
                card.setMetrics(m);
                card.setHeatColor(heat);
            }
        });
        viewChanged();
    }

    // ---- selection and input -------------------------------------------------------------

    private void refreshSelection() {
        cards.forEach((name, card) -> card.setSelected(selection.isSelected(name)));
        for (EdgeView e : edges) {
            e.setActive(selection.isSelected(e.route().from()) || selection.isSelected(e.route().to()));
        }
        viewChanged();
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        dragAnchor = new Point2D(e.getX(), e.getY());
        panAtAnchor = new Point2D(content.getTranslateX(), content.getTranslateY());
    }

    private void onDragged(MouseEvent e) {
        if (dragAnchor == null || e.getButton() == MouseButton.SECONDARY) {
            return;
        }
        setCursor(Cursor.CLOSED_HAND);
        content.setTranslateX(panAtAnchor.getX() + e.getX() - dragAnchor.getX());
        content.setTranslateY(panAtAnchor.getY() + e.getY() - dragAnchor.getY());
    }

    private void onClicked(MouseEvent e) {
        if (!e.isStillSincePress() || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        NodeCard card = cardAt(e.getPickResult().getIntersectedNode());
        // In a large graph's overview there are no cards: the node is the one drawn under the pointer.
        String hit = card != null ? card.node().name() : large ? nodeAt(graphPointAt(e.getX(), e.getY())) : null;
        boolean additive = e.isShortcutDown() || e.isControlDown();
        if (hit == null) {
            if (!additive) {
                selection.clear();
            }
        } else if (additive) {
            selection.toggle(hit);
        } else {
            selection.select(hit);
        }
    }

    /** The node whose card bounds hold this graph point, or null. */
    public String nodeAt(Point2D p) {
        if (layout == null) {
            return null;
        }
        return layout.nodes().entrySet().stream().filter(en -> en.getValue().contains(p)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static NodeCard cardAt(javafx.scene.Node picked) {
        for (javafx.scene.Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof NodeCard c) {
                return c;
            }
        }
        return null;
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomAt(zoom.get() * Math.pow(ZOOM_STEP, e.getDeltaY() / 40.0), e.getX(), e.getY());
        e.consume();
    }

    /** A touchpad or touch-screen pinch: zooms by its factor around the point between the fingers. */
    private void onPinch(ZoomEvent e) {
        double factor = e.getZoomFactor();
        if (!Double.isFinite(factor) || factor <= 0 || factor == 1) {
            return;
        }
        zoomAt(zoom.get() * factor, e.getX(), e.getY());
        e.consume();
    }

    /** The graph coordinates shown at (x, y) in this view's coordinates. */
    public Point2D graphPointAt(double x, double y) {
        return new Point2D((x - content.getTranslateX()) / zoom.get(), (y - content.getTranslateY()) / zoom.get());
    }

    /** Ctrl +, Ctrl -, Ctrl 0; shared with the main window so they work wherever focus is. */
    public boolean handleZoomKey(KeyEvent e) {
        if (!e.isShortcutDown() || graph == null) {
            return false;
        }
        KeyCode k = e.getCode();
        if (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) {
            zoomIn();
        } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
            zoomOut();
        } else if (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0) {
            resetZoom();
        } else {
            return false;
        }
        e.consume();
        return true;
    }

    private void onKey(KeyEvent e) {
        if (graph == null || handleZoomKey(e)) {
            return;
        }
        KeyCode k = e.getCode();
        if (k == KeyCode.F && !e.isShortcutDown()) {
            fitToWindow();
        } else if (k == KeyCode.ESCAPE) {
            selection.clear();
        } else if (k == KeyCode.A && e.isShortcutDown()) {
            selection.selectAll(graph.nodes().stream().map(Node::name).toList());
        } else if (k.isArrowKey()) {
            navigate(k).ifPresent(target -> {
                if (e.isShiftDown()) {
                    selection.extend(target);
                } else {
                    selection.select(target);
                }
                reveal(target);
            });
        } else {
            return;
        }
        e.consume();
    }

    /** The node an arrow key leads to: along edges on the flow axis, to a neighbour across it. */
    public Optional<String> navigate(KeyCode key) {
        String from = selection.primary();
        if (from == null) {
            return graph.nodes().isEmpty() ? Optional.empty() : Optional.of(graph.nodes().get(0).name());
        }
        boolean vertical = layout.direction() == LayoutDirection.TOP_TO_BOTTOM;
        KeyCode forward = vertical ? KeyCode.DOWN : KeyCode.RIGHT;
        KeyCode backward = vertical ? KeyCode.UP : KeyCode.LEFT;
        if (key == forward || key == KeyCode.KP_DOWN && vertical || key == KeyCode.KP_RIGHT && !vertical) {
            return closestAcross(from, graph.consumers(from).stream().map(Node::name).toList(), vertical);
        }
        if (key == backward || key == KeyCode.KP_UP && vertical || key == KeyCode.KP_LEFT && !vertical) {
            return closestAcross(from, graph.node(from).inputs(), vertical);
        }
        boolean next = key == KeyCode.RIGHT || key == KeyCode.DOWN || key == KeyCode.KP_RIGHT || key == KeyCode.KP_DOWN;
        return neighbourInLayer(from, next, vertical);
    }

    private Optional<String> closestAcross(String from, List<String> candidates, boolean vertical) {
        double c = cross(layout.nodes().get(from), vertical);
        return candidates.stream().distinct()
                .min(Comparator.comparingDouble(n -> Math.abs(cross(layout.nodes().get(n), vertical) - c)));
    }

    private Optional<String> neighbourInLayer(String from, boolean next, boolean vertical) {
        Rectangle2D r = layout.nodes().get(from);
        double rank = vertical ? r.getMinY() : r.getMinX();
        double c = cross(r, vertical);
        return layout.nodes().entrySet().stream()
                .filter(en -> Math.abs((vertical ? en.getValue().getMinY() : en.getValue().getMinX()) - rank) < 1)
                .filter(en -> next ? cross(en.getValue(), vertical) > c + 1 : cross(en.getValue(), vertical) < c - 1)
                .min(Comparator.comparingDouble(en -> Math.abs(cross(en.getValue(), vertical) - c)))
                .map(Map.Entry::getKey);
    }

    private static double cross(Rectangle2D r, boolean vertical) {
        return vertical ? r.getMinX() + r.getWidth() / 2 : r.getMinY() + r.getHeight() / 2;
    }

    /** Current pan offset, for tests and for restoring a view. */
    public Point2D pan() {
        return new Point2D(content.getTranslateX(), content.getTranslateY());
    }
}
