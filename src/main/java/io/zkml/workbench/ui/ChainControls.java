package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.NodeCard;

import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.project.ProjectDocument;
import io.zkml.workbench.project.ProjectState;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantizedGraph;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.ContextMenuEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The project's program-chain setting (issue #13): the largest SRS degree any one transition may need
 * (Model ▸ Program chain) and the cuts the user forces after layers (the graph's context menu), i.e.
 * {@link Partitioning} as the CLI's {@code --max-srs} and {@code --split-after}. Each change is an
 * undoable edit of the project's export settings, as the consensus version is; the window then compiles
 * with the new settings, so the dashboard, badges, Code and Prove tabs all read the same chain.
 */
final class ChainControls {

    /** The choices of the maximum SRS degree; null is "no maximum" (one program unless cut by hand). */
    static final List<Integer> MAX_SRS_CHOICES = java.util.Arrays.asList(null, 16, 17, 18, 19, 20);

    /** What the controls need from the window. */
    record Host(Supplier<ProjectDocument> document, Supplier<CompiledModel> compiled, Runnable settingsChanged,
                Consumer<String> say) {
    }

    private final Host host;
    private final ReadOnlyObjectWrapper<Partitioning> partitioning =
            new ReadOnlyObjectWrapper<>(this, "partitioning", Partitioning.NONE);

    ChainControls(Host host) {
        this.host = host;
    }

    /** The partitioning of the project's current state, as the controls show it. */
    ReadOnlyObjectProperty<Partitioning> partitioningProperty() {
        return partitioning.getReadOnlyProperty();
    }

    /** Shows the setting of {@code s} (opening, undo, redo) without recording an edit. */
    void show(ProjectState s) {
        partitioning.set(of(s));
    }

    private static Partitioning of(ProjectState s) {
        return s == null || s.export() == null ? Partitioning.NONE : s.export().partitioning();
    }

    /** Model ▸ Program chain ▸ a maximum SRS degree per transition; null for none. */
    void setMaxSrs(Integer log2) {
        Partitioning p = partitioning.get();
        if (!Objects.equals(p.maxSrsLog2(), log2)) {
            edit("Maximum SRS per transition: " + label(log2), new Partitioning(log2, p.splitAfter()));
        }
    }

    /** The graph's "Cut program after this layer". */
    void cutAfter(String layer) {
        Partitioning p = partitioning.get();
        if (!p.splitAfter().contains(layer)) {
            List<String> cuts = new ArrayList<>(p.splitAfter());
            cuts.add(layer);
            edit("Cut program after " + layer, new Partitioning(p.maxSrsLog2(), cuts));
        }
    }

    /** The graph's "Remove cut here". */
    void removeCut(String layer) {
        Partitioning p = partitioning.get();
        if (p.splitAfter().contains(layer)) {
            List<String> cuts = new ArrayList<>(p.splitAfter());
            cuts.remove(layer);
            edit("Remove cut after " + layer, new Partitioning(p.maxSrsLog2(), cuts));
        }
    }

    /** Model ▸ Program chain ▸ Remove all cuts. */
    void removeAllCuts() {
        Partitioning p = partitioning.get();
        if (!p.splitAfter().isEmpty()) {
            edit("Remove all program cuts", new Partitioning(p.maxSrsLog2(), List.of()));
        }
    }

    private void edit(String description, Partitioning p) {
        ProjectDocument d = host.document().get();
        WorkbenchProject.ExportSettings base = d == null ? null : d.state().export();
        if (base == null) {
            host.say().accept("This graph has no model file to compile, so it has no programs to split");
            return;
        }
        d.edit(description, d.state().withExport(base.withPartitioning(p)));
        partitioning.set(p);
        host.settingsChanged().run();
        host.say().accept(description);
    }

    /** "none (one program)", "2^16 — proves offline, low memory", "2^17"… */
    static String label(Integer log2) {
        if (log2 == null) {
            return "None (one program)";
        }
        return "2^" + log2 + (log2 == 16 ? " — proves offline, low memory" : "");
    }

    /** Model ▸ Program chain: the maximum SRS degree per transition, and taking the forced cuts back. */
    Menu menu() {
        Menu m = new Menu("Program chain");
        m.setId("menuChain");
        MenuItem caption = new MenuItem("Maximum SRS degree per transition:");
        caption.setDisable(true);
        m.getItems().add(caption);
        ToggleGroup group = new ToggleGroup();
        for (Integer log2 : MAX_SRS_CHOICES) {
            RadioMenuItem i = new RadioMenuItem(label(log2));
            i.setId("menuMaxSrs" + (log2 == null ? "None" : log2));
            i.setToggleGroup(group);
            i.setUserData(log2 == null ? "none" : log2);
            i.setSelected(Objects.equals(log2, partitioning.get().maxSrsLog2()));
            i.setOnAction(e -> setMaxSrs(log2));
            m.getItems().add(i);
        }
        MenuItem clear = new MenuItem("Remove all cuts");
        clear.setId("menuRemoveCuts");
        clear.setOnAction(e -> removeAllCuts());
        m.getItems().addAll(new SeparatorMenuItem(), clear);
        m.setOnShowing(e -> clear.setDisable(partitioning.get().splitAfter().isEmpty()));
        partitioning.addListener((obs, o, p) -> group.getToggles().forEach(t -> t.setSelected(
                Objects.equals(t.getUserData(), p.maxSrsLog2() == null ? "none" : p.maxSrsLog2()))));
        return m;
    }

    /**
     * Right-clicking a node offers to cut the program after it, or to remove the cut there; not in
     * design mode ({@code designing}), whose own node menu edits the graph the program is not yet made of.
     */
    void installOn(GraphView graph, java.util.function.BooleanSupplier designing) {
        graph.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            NodeCard card = cardAt(e.getPickResult().getIntersectedNode());
            if (card == null || designing.getAsBoolean()) {
                return;
            }
            contextMenu(card.node().name()).show(card, Side.BOTTOM, 0, 0);
            e.consume();
        });
    }

    /** The node's context menu; its items say why they are disabled, since a cut is not allowed everywhere. */
    ContextMenu contextMenu(String layer) {
        MenuItem cut = new MenuItem("Cut program after this layer");
        cut.setId("cutAfter");
        cut.setOnAction(e -> cutAfter(layer));
        MenuItem remove = new MenuItem("Remove cut here");
        remove.setId("removeCut");
        remove.setOnAction(e -> removeCut(layer));
        boolean forced = partitioning.get().splitAfter().contains(layer);
        remove.setVisible(forced);
        String refusal = forced ? null : cutRefusal(layer);
        cut.setVisible(!forced);
        if (refusal != null) {
            cut.setDisable(true);
            cut.setText("Cut program after this layer (" + refusal + ")");
        }
        ContextMenu menu = new ContextMenu(cut, remove);
        menu.setId("chainContextMenu");
        return menu;
    }

    /** Why no cut can follow {@code layer} in the compiled program, or null when one can. */
    private String cutRefusal(String layer) {
        CompiledModel m = host.compiled().get();
        if (m == null) {
            return "no program compiled yet";
        }
        QuantizedGraph q = m.quantized();
        int i = q.indexOf(layer);
        if (i < 0) {
            return "not a layer of the compiled program";
        }
        if (i >= q.outputIndex()) {
            return "the last layer ends the chain";
        }
        if (!ChainCuts.allowed(q, i + 1)) {
            return "a later layer reads an earlier one";
        }
        for (var s : m.segments()) {
            if (s.passes() != null && s.toLayer() == i + 1) {
                return "the chain is already cut here";
            }
        }
        return null;
    }

    private static NodeCard cardAt(javafx.scene.Node picked) {
        for (javafx.scene.Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof NodeCard c) {
                return c;
            }
        }
        return null;
    }
}
