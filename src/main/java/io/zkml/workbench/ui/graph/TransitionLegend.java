package io.zkml.workbench.ui.graph;

import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import java.util.List;

/**
 * Under the graph while the program is a chain: which program each "T1", "T2"… badge on the nodes
 * stands for, in the badges' colours, read from the compiled program's segments.
 */
public final class TransitionLegend extends FlowPane {

    public TransitionLegend() {
        super(14, 4);
        setId("transitionLegend");
        getStyleClass().add("transition-legend");
        setAlignment(Pos.CENTER_LEFT);
        show(null);
    }

    /** The programs of {@code m}; hidden when there is none or it is one program. */
    public void show(CompiledModel m) {
        boolean chain = m != null && m.isChain();
        setVisible(chain);
        setManaged(chain);
        getChildren().clear();
        if (!chain) {
            return;
        }
        Label title = new Label("Transitions:");
        title.getStyleClass().add("legend-entry");
        getChildren().add(title);
        for (CompiledSegment s : m.segments()) {
            int t = s.index() + 1;
            Label chip = new Label("T" + t);
            chip.getStyleClass().addAll("transition-chip", TransitionColors.styleClass(t));
            Label name = new Label(s.programId() + (t == 1 ? " (entry)" : ""));
            name.getStyleClass().add("legend-entry");
            HBox entry = new HBox(4, chip, name);
            entry.setAlignment(Pos.CENTER_LEFT);
            entry.setId("legendT" + t);
            getChildren().add(entry);
        }
    }

    /** The legend's entries as shown ("T1 iris_tiny.aleo (entry)"), for tests. */
    public List<String> entries() {
        return getChildren().stream().filter(n -> n instanceof HBox).map(n -> ((HBox) n).getChildren().stream()
                .map(c -> ((Label) c).getText()).reduce((a, b) -> a + " " + b).orElse("")).toList();
    }
}
