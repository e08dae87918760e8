package io.zkml.workbench.ui.graph;

import io.zkml.workbench.ui.Tooltips;
import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.graph.Node;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.Optional;

/**
 * One node of the graph editor: type, name, output shape, parameter count and two badges
 * (constraints, quantization error) that show "—" until a provider has figures.
 */
public final class NodeCard extends VBox {

    /** Fixed so the layout can run off the FX thread before any card exists. */
    public static final double WIDTH = 240;
    public static final double HEIGHT = 84;

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass HEAT = PseudoClass.getPseudoClass("heat");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    /** On the cost badge while a newer program compiles: a pseudo-class, since it flips twice per change on every card. */
    private static final PseudoClass UPDATING = PseudoClass.getPseudoClass("updating");

    private final Node node;
    private final Label constraints = badge(MaterialDesignS.SIGMA, "constraints");
    private final Label error = badge(MaterialDesignA.APPROXIMATELY_EQUAL, "error");
    /** Which program of a chain the node is lowered in ("T2"); hidden for a model that is one program. */
    private final Label transition = new Label();
    /** Shown only while the compiler refuses this layer's value range (issue #17). */
    private final Label refused = badge(MaterialDesignA.ALERT_OCTAGON_OUTLINE, "refused");
    private final HBox badges;
    private boolean costUpdating;
    private String constraintsTip = "";
    private Color heatColor;

    public NodeCard(Node node) {
        this.node = node;
        OpStyle style = OpStyle.of(node.op());
        getStyleClass().addAll("node-card", style.family());
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);

        FontIcon icon = new FontIcon(style.icon());
        icon.getStyleClass().add("node-icon");
        Label type = new Label(node.typeName() + activationSuffix(node), icon);
        type.getStyleClass().add("node-type");
        type.setMinWidth(USE_PREF_SIZE);
        Label params = new Label(node.parameterCount() == 0 ? "" : Format.count(node.parameterCount()) + " p");
        params.getStyleClass().add("node-params");
        params.setMinWidth(USE_PREF_SIZE);
        HBox header = new HBox(6, type, grow(), params);
        header.setAlignment(Pos.CENTER_LEFT);

        // The name gives way (ellipsis) before the shape does: shapes are what users compare.
        Label name = new Label(node.name());
        name.getStyleClass().add("node-name");
        Label shape = new Label("→ " + node.outputShape());
        shape.getStyleClass().add("node-shape");
        shape.setMinWidth(USE_PREF_SIZE);
        HBox identity = new HBox(6, name, grow(), shape);
        identity.setAlignment(Pos.CENTER_LEFT);

        transition.getStyleClass().addAll("node-badge", "badge-transition");
        transition.managedProperty().bind(transition.visibleProperty());
        badges = new HBox(6, constraints, error, grow(), transition);
        refused.setText("no program");
        badges.getStyleClass().add("node-badges");
        getChildren().addAll(header, identity, badges);
        setMetrics(Optional.empty());
        Tooltip.install(this, new Tooltip(node.name() + " (" + node.sourceClass() + ")"));
    }

    private static String activationSuffix(Node node) {
        return node.op().activation().isIdentity() ? "" : " · " + node.op().activation();
    }

    private static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static Label badge(org.kordamp.ikonli.Ikon ikon, String kind) {
        Label l = new Label(Format.NO_DATA, new FontIcon(ikon));
        l.getStyleClass().addAll("node-badge", "badge-" + kind);
        return l;
    }

    public Node node() {
        return node;
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** The error badge's text, e.g. for tests and accessibility. */
    public String errorBadgeText() {
        return error.getText();
    }

    /** Marks the cost badge as the last program's while a newer one compiles (dimmed, "updating…"). */
    public void setCostUpdating(boolean updating) {
        constraints.pseudoClassStateChanged(UPDATING, updating);
        costUpdating = updating;
        Tooltips.retitle(constraints, tip());
    }

    private String tip() {
        return costUpdating ? constraintsTip + "; updating…" : constraintsTip;
    }

    /** Whether the cost badge is marked as updating, for tests. */
    public boolean costUpdating() {
        return costUpdating;
    }

    /** The cost badge's text. */
    public String constraintsBadgeText() {
        return constraints.getText();
    }

    public void setMetrics(Optional<NodeMetrics> metrics) {
        NodeCardPresenter p = NodeCardPresenter.of(node.name(), metrics);
        constraints.setText(p.constraints());
        constraintsTip = p.constraintsTip();
        Tooltips.retitle(constraints, tip());
        error.setText(p.error());
        Tooltips.retitle(error, p.errorTip());
        showTransition(p);
    }

    /** The chain transition badge, coloured like its first transition's row in the legend; hidden for one program. */
    private void showTransition(NodeCardPresenter p) {
        transition.getStyleClass().removeIf(c -> c.startsWith("transition-"));
        transition.setVisible(p.transition() > 0);
        transition.setText(p.transitionText());
        if (p.transition() > 0) {
            transition.getStyleClass().add(TransitionColors.styleClass(p.transition()));
            Tooltips.retitle(transition, p.transitionTip());
        }
    }

    /** The transition badge's text ("T2"), or "" when the model is one program, for tests. */
    public String transitionBadgeText() {
        return transition.isVisible() ? transition.getText() : "";
    }

    /** Marks the card with the compiler's refusal of this layer's range ({@code null}: none). */
    public void setRefusal(String message) {
        badges.getChildren().remove(refused);
        pseudoClassStateChanged(REFUSED, message != null);
        if (message != null) {
            Tooltips.retitle(refused, message);
            badges.getChildren().add(refused);
        }
    }

    /** The refusal badge's tooltip, or null when the layer is not refused (tests, accessibility). */
    public String refusalText() {
        return badges.getChildren().contains(refused) ? refused.getTooltip().getText() : null;
    }

    /** Colours the card for the heat map; {@code null} restores the theme's background. */
    public void setHeatColor(Color color) {
        heatColor = color;
        pseudoClassStateChanged(HEAT, color != null);
        setStyle(color == null ? "" : "-fx-background-color: " + toCss(color) + ";");
    }

    public Optional<Color> heatColor() {
        return Optional.ofNullable(heatColor);
    }

    private static String toCss(Color c) {
        return String.format(java.util.Locale.US, "rgba(%d,%d,%d,%.3f)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), c.getOpacity());
    }
}
