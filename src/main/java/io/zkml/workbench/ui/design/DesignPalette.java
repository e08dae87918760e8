package io.zkml.workbench.ui.design;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.ui.Wrapped;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The design-mode palette beside the graph: layers to insert after the selected node. It only
 * collects what to add; {@link DesignController} makes the edit.
 */
public final class DesignPalette extends VBox {

    /** Activations offered as stand-alone layers and in the pickers, in the order people reach for them. */
    static final List<Activation> ACTIVATIONS = List.of(Activation.RELU, Activation.leakyRelu(0.01), Activation.TANH,
            Activation.SIGMOID, Activation.HARD_TANH, Activation.HARD_SIGMOID, Activation.IDENTITY, Activation.SOFTMAX);

    final Spinner<Integer> units = new Spinner<>(1, 1024, 8);
    final ComboBox<Activation> denseActivation = new ComboBox<>();
    final Button addDense = new Button("Add Dense", new FontIcon(MaterialDesignP.PLUS_BOX_OUTLINE));
    private final Label target = new Label();
    /** False until a node that can be followed is selected. */
    private final BooleanProperty canAdd = new SimpleBooleanProperty(this, "canAdd");

    DesignPalette(BiConsumer<Integer, Activation> onAddDense, Consumer<Activation> onAddActivation, Runnable onRetrain) {
        getStyleClass().add("design-palette");
        setId("designPalette");
        setSpacing(10);
        setPadding(new Insets(12));

        Label title = new Label("Design");
        title.getStyleClass().add(Styles.TITLE_4);
        target.getStyleClass().add(Styles.TEXT_MUTED);
        // The palette scrolls (DesignController.paletteView), so its texts keep every line.
        Wrapped.wrapped(target);

        units.setId("paletteUnits");
        units.setEditable(true);
        units.setPrefWidth(90);
        denseActivation.setId("paletteActivation");
        denseActivation.getItems().setAll(ACTIVATIONS);
        denseActivation.setValue(Activation.RELU);
        addDense.setId("addDense");
        addDense.setMaxWidth(Double.MAX_VALUE);
        addDense.getStyleClass().add(Styles.ACCENT);
        addDense.disableProperty().bind(canAdd.not());
        addDense.setOnAction(e -> onAddDense.accept(units.getValue(), denseActivation.getValue()));
        HBox denseRow = new HBox(6, new Label("Units"), units);
        denseRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        FlowPane acts = new FlowPane(6, 6);
        for (Activation a : ACTIVATIONS.subList(0, 6)) {
            Button b = new Button(a.kind() == Activation.Kind.LEAKY_RELU ? "LeakyReLU" : a.toString());
            b.setId("addAct" + a.kind());
            b.getStyleClass().add(Styles.SMALL);
            b.setTooltip(new Tooltip("Insert a " + a + " activation layer after the selected node"));
            b.disableProperty().bind(canAdd.not());
            b.setOnAction(e -> onAddActivation.accept(a));
            acts.getChildren().add(b);
        }

        Button retrain = new Button("Retrain…", new FontIcon(MaterialDesignS.SCHOOL_OUTLINE));
        retrain.setId("paletteRetrain");
        retrain.setMaxWidth(Double.MAX_VALUE);
        retrain.setOnAction(e -> onRetrain.run());
        Label hint = new Label("Delete removes the selected layer. Ctrl+Z undoes, Ctrl+Shift+Z redoes. "
                + "Changed layers start from fresh weights until you retrain.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Wrapped.wrapped(hint);

        getChildren().addAll(title, target, new Separator(), section("Dense layer"), denseRow, denseActivation,
                addDense, new Separator(), section("Activation layer"), acts, new Separator(), retrain, hint);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    /** Names where new layers go; {@code reason} explains why nothing can be added (null when it can). */
    void showTarget(String node, String reason) {
        canAdd.set(node != null && reason == null);
        target.setText(node == null ? "Select a node: new layers go after it."
                : reason != null ? reason : "New layers go after " + node + ".");
    }
}
