package io.zkml.workbench.ui.design;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The inspector's design section for one node: units of a Dense layer, filters and kernel of a
 * convolution, the activation. Apply hands the values to {@link DesignController}.
 */
public final class DesignFields extends VBox {

    /** What the user asked for; {@link DesignController} decides what that means for the graph. */
    interface Actions {
        void setUnits(String node, int units);

        void setConvolution(String node, int filters, int kernelH, int kernelW);

        void setActivation(String node, Activation activation);
    }

    private final Actions actions;

    DesignFields(Actions actions) {
        this.actions = actions;
        getStyleClass().add("design-fields");
        setId("designFields");
        setSpacing(8);
        setPadding(new Insets(8, 0, 8, 0));
    }

    /** Rebuilds the fields for {@code n}; nodes without anything to design show a short note. */
    void show(Node n) {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        LayerOp op = n.op();
        if (op instanceof LayerOp.Dense d) {
            Spinner<Integer> units = spinner("designUnits", 1, DesignStep.MAX_UNITS, d.nOut());
            grid.addRow(row++, new Label("Units"), units, apply("applyUnits", () -> actions.setUnits(n.name(), units.getValue())));
        } else if (op instanceof LayerOp.Output o) {
            grid.addRow(row++, new Label("Units"), new Label(o.nOut() + " (the dataset's classes or targets)"));
        } else if (op instanceof LayerOp.Conv2D c) {
            Spinner<Integer> filters = spinner("designFilters", 1, DesignStep.MAX_FILTERS, c.outChannels());
            Spinner<Integer> kh = spinner("designKernelH", 1, DesignStep.MAX_KERNEL, c.kernelH());
            Spinner<Integer> kw = spinner("designKernelW", 1, DesignStep.MAX_KERNEL, c.kernelW());
            grid.addRow(row++, new Label("Filters"), filters);
            grid.addRow(row++, new Label("Kernel"), kh, kw);
            grid.add(apply("applyConv", () -> actions.setConvolution(n.name(), filters.getValue(), kh.getValue(),
                    kw.getValue())), 1, row++);
        }
        boolean hasActivation = op instanceof LayerOp.Dense || op instanceof LayerOp.Output
                || op instanceof LayerOp.Conv2D || op instanceof LayerOp.Act;
        if (hasActivation) {
            ComboBox<Activation> act = new ComboBox<>();
            act.setId("designActivation");
            act.getItems().setAll(DesignPalette.ACTIVATIONS);
            if (!act.getItems().contains(op.activation())) {
                act.getItems().add(op.activation());
            }
            act.setValue(op.activation());
            act.setOnAction(e -> {
                if (act.getValue() != null && !act.getValue().equals(n.op().activation())) {
                    actions.setActivation(n.name(), act.getValue());
                }
            });
            grid.addRow(row++, new Label("Activation"), act);
        }
        if (row == 0) {
            Label note = new Label("Nothing to design here; select a Dense, Conv2D or Activation layer.");
            note.getStyleClass().add(Styles.TEXT_MUTED);
            note.setWrapText(true);
            getChildren().setAll(note);
        } else {
            getChildren().setAll(grid);
        }
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    private static Button apply(String id, Runnable r) {
        Button b = new Button("Apply");
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> r.run());
        return b;
    }
}
