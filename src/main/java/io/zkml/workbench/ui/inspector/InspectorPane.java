package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.ui.graph.OpStyle;

import io.zkml.workbench.ui.EvaluationSnapshot;
import io.zkml.workbench.ui.graph.LayerRefusal;
import io.zkml.workbench.ui.graph.NodeMetrics;


import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Tensor;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The right-hand panel: everything about the selected node (type, shapes, configuration,
 * parameter tensors with their value ranges, cost figures) and the node's quantization
 * controls with live error figures.
 */
public final class InspectorPane extends ScrollPane {

    private final VBox body = new VBox(12);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final QuantizationPanel quantization;
    private final TitledPane quantizationSection;
    private final TitledPane costSection = section("Cost", new Label());
    /** Design mode's fields for the selected node, shown above the quantization controls; null outside it. */
    private javafx.scene.Node designSection;
    private boolean showing = true;
    /** The compiler's refusal of one layer's range (issue #17), shown when that layer is the one inspected. */
    private final Label refusalNote = new Label();
    private LayerRefusal refusal;
    private String shownNode;
    /** The sections every node shows, made once: a selection sets their content (issue #14). */
    private final TitledPane layerSection = section("Layer", new Label());
    private final TitledPane shapesSection = section("Shapes", new Label());
    private final TitledPane parametersSection = section("Parameters", new Label());
    /** What to show once the inspector is seen again; null when what it shows is current. */
    private Request pending;

    /** One show() call's arguments, kept while the inspector is hidden. */
    private record Request(ModelGraph graph, java.util.List<String> selected, String primary,
                           Optional<NodeMetrics> metrics, EvaluationSnapshot snapshot, boolean hasDataset) {
        Request withFigures(Optional<NodeMetrics> m, EvaluationSnapshot s) {
            return new Request(graph, selected, primary, m, s, hasDataset);
        }
    }

    public InspectorPane(QuantizationPanel quantization) {
        this.quantization = quantization;
        this.quantizationSection = section("Quantization", quantization);
        quantizationSection.getStyleClass().add("inspector-quantization");
        quantizationSection.setId("quantizationSection");
        quantizationSection.expandedProperty().addListener(o -> chartsShowing());
        getStyleClass().addAll("inspector", atlantafx.base.theme.Styles.ELEVATED_1);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        title.getStyleClass().addAll(atlantafx.base.theme.Styles.TITLE_3, "inspector-title");
        subtitle.getStyleClass().addAll(atlantafx.base.theme.Styles.TEXT_MUTED, "inspector-subtitle");
        subtitle.setWrapText(true);
        body.setPadding(new Insets(16));
        refusalNote.setId("rangeRefusal");
        refusalNote.setWrapText(true);
        refusalNote.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_OCTAGON_OUTLINE));
        refusalNote.getStyleClass().addAll(atlantafx.base.theme.Styles.DANGER, "inspector-refusal");
        setContent(body);
        showNothing();
    }

    /** Whether the inspector itself can be seen (its tab is the selected one); hidden charts wait. */
    public void setShowing(boolean showing) {
        this.showing = showing;
        if (showing && pending != null) {
            Request r = pending;
            pending = null;
            build(r.graph(), r.selected(), r.primary(), r.metrics(), r.snapshot(), r.hasDataset());
        }
        chartsShowing();
    }

    private void chartsShowing() {
        quantization.setChartsShowing(showing && quantizationSection.isExpanded());
    }

    /** Puts design mode's section for the selected node in the inspector (null removes it); call show() after. */
    public void setDesignSection(javafx.scene.Node section) {
        designSection = section == null ? null : section("Design", section);
        if (designSection != null) {
            designSection.setId("designSection");
        }
    }

    /** Shows the primary node of a selection, or a summary when several are selected. */
    public void show(ModelGraph graph, Collection<String> selected, String primary, Optional<NodeMetrics> metrics,
                     EvaluationSnapshot snapshot, boolean hasDataset) {
        if (!showing) {
            // Hidden behind the Code or Prove tab, the inspector builds nothing until it is seen:
            // selecting nodes there only moves the highlight (issue #14).
            pending = new Request(graph, java.util.List.copyOf(selected), primary, metrics, snapshot, hasDataset);
            return;
        }
        pending = null;
        build(graph, selected, primary, metrics, snapshot, hasDataset);
    }

    private void build(ModelGraph graph, Collection<String> selected, String primary, Optional<NodeMetrics> metrics,
                       EvaluationSnapshot snapshot, boolean hasDataset) {
        if (graph == null || primary == null) {
            showNothing();
            return;
        }
        Node node = graph.node(primary);
        InspectorPresenter p = InspectorPresenter.of(graph, selected, primary, metrics);
        title.setText(p.title());
        FontIcon icon = new FontIcon(OpStyle.of(node.op()).icon());
        icon.getStyleClass().add("inspector-icon");
        title.setGraphic(icon);
        subtitle.setText(p.subtitle());
        quantization.showNode(graph, node, snapshot, hasDataset);
        layerSection.setContent(grid(p.layer()));
        shapesSection.setContent(grid(p.shapes()));
        parametersSection.setContent(parameters(p));
        body.getChildren().setAll(title, subtitle, quantizationSection, layerSection, shapesSection, parametersSection,
                costSection);
        if (designSection != null) {
            body.getChildren().add(2, designSection);
        }
        shownNode = node.name();
        showRefusal();
        costSection.setContent(cost(p.cost()));
    }

    /** New figures for the node already shown; the controls stay as they are. */
    public void updateFigures(Optional<NodeMetrics> metrics, EvaluationSnapshot snapshot) {
        if (pending != null) {
            pending = pending.withFigures(metrics, snapshot); // shown with the node when the inspector is seen
            return;
        }
        costSection.setContent(cost(InspectorPresenter.cost(metrics)));
        quantization.showEvaluation(snapshot);
    }

    /** The compiler refuses the current spec for one layer's range ({@code null}: it does not). */
    public void setRefusal(LayerRefusal r) {
        refusal = r;
        showRefusal();
    }

    /** The refusal note's text when it is shown, else null (tests). */
    public String refusalText() {
        return body.getChildren().contains(refusalNote) ? refusalNote.getText() : null;
    }

    private void showRefusal() {
        body.getChildren().remove(refusalNote);
        if (refusal != null && shownNode != null && refusal.isFor(shownNode)) {
            refusalNote.setText("No program for this spec. " + refusal.message());
            body.getChildren().add(2, refusalNote);
        }
    }

    public QuantizationPanel quantization() {
        return quantization;
    }

    private void showNothing() {
        shownNode = null;
        title.setText("Inspector");
        title.setGraphic(null);
        subtitle.setText("Select a node to see its shapes, parameters and cost. "
                + "Ctrl-click selects several; arrow keys follow the edges.");
        body.getChildren().setAll(title, subtitle);
    }

    private static TitledPane section(String name, javafx.scene.Node content) {
        TitledPane p = new TitledPane(name, content);
        p.getStyleClass().add("inspector-section");
        p.setAnimated(false);
        return p;
    }

    private static GridPane grid(Map<String, String> rows) {
        GridPane g = newGrid(2);
        int r = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            g.addRow(r++, key(e.getKey()), value(e.getValue()));
        }
        return g;
    }

    private static javafx.scene.Node parameters(InspectorPresenter p) {
        if (p.parameters().isEmpty()) {
            Label none = new Label("No learned parameters.");
            none.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
            return none;
        }
        GridPane g = newGrid(5);
        g.getStyleClass().add("inspector-tensors");
        g.addRow(0, header("Tensor"), header("Shape"), header("Min"), header("Max"), header("Mean"));
        int r = 1;
        for (InspectorPresenter.ParameterRow row : p.parameters()) {
            Label shape = value(row.shape());
            shape.setWrapText(false);
            shape.setMinWidth(USE_PREF_SIZE);
            g.addRow(r++, key(row.name()), shape, number(row.min()), number(row.max()), number(row.mean()));
        }
        Label total = new Label(p.parameterTotal());
        total.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        return new VBox(8, g, total);
    }

    private static javafx.scene.Node cost(Map<String, String> rows) {
        if (rows.isEmpty()) {
            Label l = new Label(InspectorPresenter.NO_COST);
            l.setWrapText(true);
            l.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
            return l;
        }
        return grid(rows);
    }

    private static GridPane newGrid(int columns) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        for (int i = 0; i < columns; i++) {
            ColumnConstraints c = new ColumnConstraints();
            if (i == columns - 1 && columns == 2) {
                c.setHgrow(Priority.ALWAYS);
            }
            if (columns > 2 && i >= 2) {
                c.setHalignment(HPos.RIGHT);
            }
            g.getColumnConstraints().add(c);
        }
        return g;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(atlantafx.base.theme.Styles.TEXT_MUTED, "inspector-key");
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("inspector-value");
        l.setWrapText(true);
        return l;
    }

    private static Label number(String v) {
        Label l = value(v);
        l.setWrapText(false);
        l.setMinWidth(USE_PREF_SIZE);
        l.getStyleClass().add("inspector-number");
        return l;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setMinWidth(USE_PREF_SIZE);
        l.getStyleClass().addAll(atlantafx.base.theme.Styles.TEXT_BOLD, "inspector-header");
        return l;
    }
}
