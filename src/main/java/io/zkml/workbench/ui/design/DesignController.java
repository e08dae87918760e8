package io.zkml.workbench.ui.design;

import javafx.scene.control.ScrollPane;
import atlantafx.base.theme.Tweaks;
import io.zkml.workbench.ui.OpenedModel;
import io.zkml.workbench.ui.BackgroundWork;
import io.zkml.workbench.ui.StatusBar;
import io.zkml.workbench.ui.ErrorDialog;
import io.zkml.workbench.ui.graph.GraphLayout;
import io.zkml.workbench.ui.graph.GraphView;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.design.Edit;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.design.DesignState;
import io.zkml.workbench.design.RetrainResult;
import io.zkml.workbench.design.Retrainer;
import io.zkml.workbench.design.TrainingData;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.project.WorkbenchProject;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Design mode: edits of the open model's graph, and retraining the edited network. Edits go into
 * the project's one history (the host's {@code record}), so undo and redo are the window's and
 * cover spec and settings edits too; this class shows whichever design state the history holds
 * and keeps the trail of earlier model files to revert to.
 */
public final class DesignController {

    /**
     * What design mode needs from the main window.
     *
     * @param layout         lays out a graph in the window's current direction (called off the FX thread)
     * @param reopen         opens a model file with a dataset, as the workbench's model
     * @param graphChanged   called after the shown graph changed, so figures and inspector follow
     * @param current        the project's current design state
     * @param record         records a design edit (the new state, described) in the project's history
     */
    public record Host(GraphView graphView, StatusBar status, BackgroundWork work, Supplier<OpenedModel> model,
                Function<ModelGraph, GraphLayout> layout, BiConsumer<Path, Path> reopen, Supplier<Window> owner,
                Runnable graphChanged, Supplier<DesignState> current, BiConsumer<DesignState, String> record) {
    }

    private final Host host;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final DesignPalette palette;
    private final ScrollPane paletteView;
    private final DesignFields fields;
    private final Retrainer retrainer = new Retrainer();
    /** Model files retraining wrote; a model opened from one of them keeps the original's training data. */
    private final Set<Path> produced = new HashSet<>();
    /** Of those, the ones still only in their temp folder: saving the project keeps a copy of them. */
    private final Set<Path> temporary = new HashSet<>();
    /** Earlier model files, newest first, for "Revert to previous weights". */
    private final Deque<Path> previous = new ArrayDeque<>();
    /** The open model file's graph, unedited; null before a model opens. */
    private DesignState original;
    private Path trainingOrigin;
    private RetrainDialog dialog;

    public DesignController(Host host) {
        this.host = host;
        this.palette = new DesignPalette(this::addDense, this::addActivation, this::openRetrainDialog);
        this.paletteView = new ScrollPane(palette);
        paletteView.setId("designPaletteScroll");
        paletteView.setFitToWidth(true);
        paletteView.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        paletteView.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        this.fields = new DesignFields(new DesignFields.Actions() {
            public void setUnits(String node, int units) {
                apply(DesignStep.setUnits(node, units), node);
            }

            public void setConvolution(String node, int filters, int kh, int kw) {
                apply(DesignStep.setConvolution(node, filters, kh, kw), node);
            }

            public void setActivation(String node, Activation a) {
                apply(DesignStep.setActivation(node, a), node);
            }
        });
        host.graphView().selection().primaryProperty().addListener(o -> selectionChanged());
        active.addListener((obs, was, on) -> {
            if (!on && isEdited()) {
                // Figures belong to the model file, so leaving design mode shows that model again;
                // the dropped edits stay in the history, so undo brings them (and design mode) back.
                host.record().accept(original, "Leave design mode, dropping unretrained edits");
                showState(original, null);
                host.status().setMessage("Left design mode; unretrained edits were dropped (undo brings them back)");
            }
            selectionChanged();
        });
        host.graphView().setOnContextMenuRequested(e -> {
            String node = host.graphView().selection().primary();
            if (active.get() && node != null) {
                contextMenu(node).show(host.graphView(), e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
    }

    public BooleanProperty activeProperty() {
        return active;
    }

    public DesignPalette palette() {
        return palette;
    }

    /** The palette as it goes beside the graph: scrolled when the window is too short for all of it. */
    public ScrollPane paletteView() {
        return paletteView;
    }

    public DesignFields fields() {
        return fields;
    }

    /** True while the shown graph has edits the open model file does not have. */
    public boolean isEdited() {
        return original != null && host.current().get() != original;
    }

    /** The unedited graph of the model just shown, the design part of a newly opened project's state. */
    DesignState original() {
        return original;
    }

    public Optional<RetrainDialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    /**
     * A model (re)opened: its graph is the new unedited design, {@code unedited}, the very state
     * the project's history starts from (design states are told apart by identity).
     */
    public void modelShown(OpenedModel m, DesignState unedited) {
        original = unedited;
        Optional<Path> file = m.modelFile();
        if (file.isPresent() && !produced.contains(file.get())) {
            trainingOrigin = file.get();
        }
        selectionChanged();
    }

    // ---- projects ------------------------------------------------------------------------

    /** What a project must hold besides the model file: the unretrained edits and the training origin. */
    public WorkbenchProject.Design state(Path modelFile) {
        DesignState current = original == null ? null : host.current().get();
        java.util.List<DesignStep> edits = current != null && current.replayable() ? current.steps() : java.util.List.of();
        Path origin = trainingOrigin != null && !trainingOrigin.equals(modelFile) ? trainingOrigin : null;
        return new WorkbenchProject.Design(edits, origin);
    }

    /**
     * Puts a project's design state back on the model just shown: replays its edits, each recorded
     * as an undoable edit (switching design mode on, since edits live there), and restores where
     * retraining takes its data from.
     *
     * @param select the node to select once the edited graph is shown
     * @return warnings for the user, e.g. an edit that no longer fits a changed model
     */
    public java.util.List<String> restore(WorkbenchProject.Design d, String select) {
        OpenedModel m = host.model().get();
        if (d.trainedFrom() != null && m != null && m.modelFile().isPresent()) {
            trainingOrigin = d.trainedFrom();
            produced.add(m.modelFile().get());
        }
        if (d.edits().isEmpty() || original == null) {
            return java.util.List.of();
        }
        java.util.List<DesignState> replayed;
        try {
            replayed = original.replay(d.edits());
        } catch (WorkbenchException e) {
            return java.util.List.of("The project's design edits could not be replayed on "
                    + (m == null ? "the model" : m.graph().name()) + " (" + e.getMessage() + "); it opened without them.");
        }
        replayed.forEach(s -> host.record().accept(s, s.description()));
        active.set(true);
        showState(host.current().get(), select);
        host.status().setMessage("Restored " + d.edits().size() + " design edit" + (d.edits().size() == 1 ? "" : "s")
                + " not yet retrained");
        return java.util.List.of();
    }

    /** True for a model file retraining wrote that so far lives only in its temp folder. */
    public boolean isTemporary(Path modelFile) {
        return temporary.contains(modelFile.toAbsolutePath().normalize());
    }

    /** The open model file was saved elsewhere (Save model as, or kept with a project) and is now used from there. */
    public void modelRelocated(Path from, Path to) {
        Path f = from.toAbsolutePath().normalize();
        if (trainingOrigin == null) {
            trainingOrigin = f;
        }
        // The copy trains on what the original trained on (a sample's training split is found by its file).
        produced.add(to.toAbsolutePath().normalize());
    }

    // ---- edits ---------------------------------------------------------------------------

    private ModelGraph graph() {
        return host.current().get().graph();
    }

    public void addDense(int units, Activation activation) {
        String after = host.graphView().selection().primary();
        if (after == null) {
            host.status().setMessage("Select the layer the new Dense layer should follow");
            return;
        }
        apply(DesignStep.addDense(after, units, activation), null);
    }

    void addActivation(Activation activation) {
        String after = host.graphView().selection().primary();
        if (after == null) {
            host.status().setMessage("Select the layer the activation should follow");
            return;
        }
        apply(DesignStep.addActivation(after, activation), null);
    }

    public void deleteSelected() {
        String node = host.graphView().selection().primary();
        if (active.get() && node != null) {
            apply(DesignStep.delete(node), null);
        }
    }

    /**
     * Undo or redo put another design state back: shows its graph, with design mode on when it
     * holds edits (they only exist there).
     */
    public void show(DesignState s) {
        if (s != original && !active.get()) {
            active.set(true);
        }
        showState(s, null);
    }

    /** Runs an edit (cheap: pure graph arithmetic) and shows the result, or says why it was refused. */
    private void apply(DesignStep step, String reselect) {
        if (original == null) {
            return;
        }
        try {
            DesignState current = host.current().get();
            ModelGraph before = current.graph();
            Edit e = step.applyTo(before);
            DesignState s = current.after(e);
            host.record().accept(s, e.description());
            showState(s, reselect != null ? reselect : newNode(before, e.graph()));
            host.status().setMessage(e.description() + (e.reinitialised().isEmpty() ? ""
                    : "; new weights for " + String.join(", ", e.reinitialised().stream().sorted().toList())
                    + " until retrained"));
        } catch (WorkbenchException ex) {
            host.status().setMessage(ex.getMessage());
            ErrorDialog.show(host.owner().get(), "This edit cannot be made", ex);
        }
    }

    /** The node an edit added, so the selection follows it and the next one goes after it. */
    private static String newNode(ModelGraph before, ModelGraph after) {
        return after.nodes().stream().map(Node::name).filter(n -> before.indexOf(n) < 0).findFirst().orElse(null);
    }

    private void showState(DesignState s, String requested) {
        String select = requested != null ? requested : host.graphView().selection().primary();
        ModelGraph g = s.graph();
        Task<GraphLayout> task = new Task<>() {
            @Override
            protected GraphLayout call() {
                updateMessage("Laying out…");
                return host.layout().apply(g);
            }
        };
        host.work().run(task, "Could not lay out the edited graph", layout -> {
            host.graphView().show(g, layout);
            host.graphChanged().run();
            if (select != null && g.indexOf(select) >= 0) {
                host.graphView().selection().select(select);
            }
        });
    }

    private void selectionChanged() {
        String primary = host.graphView().selection().primary();
        ModelGraph g = host.graphView().graph().orElse(null);
        if (g == null || primary == null || g.indexOf(primary) < 0) {
            palette.showTarget(null, null);
            return;
        }
        Node n = g.node(primary);
        String reason = g.outputs().contains(primary) ? "Nothing can follow the output " + primary + "." : null;
        palette.showTarget(primary, reason);
        fields.show(n);
    }

    private ContextMenu contextMenu(String node) {
        MenuItem delete = new MenuItem("Delete " + node);
        delete.setOnAction(e -> deleteSelected());
        MenuItem dense = new MenuItem("Add Dense after " + node);
        dense.setOnAction(e -> addDense(palette.units.getValue(), palette.denseActivation.getValue()));
        MenuItem relu = new MenuItem("Add ReLU after " + node);
        relu.setOnAction(e -> addActivation(Activation.RELU));
        boolean fixed = graph().node(node).op() instanceof LayerOp.Input || graph().outputs().contains(node);
        delete.setDisable(fixed);
        dense.setDisable(graph().outputs().contains(node));
        relu.setDisable(dense.isDisable());
        return new ContextMenu(delete, dense, relu);
    }

    // ---- retraining ----------------------------------------------------------------------

    public void openRetrainDialog() {
        OpenedModel m = host.model().get();
        if (m == null || m.modelFile().isEmpty() || original == null) {
            host.status().setMessage("Open a model file to retrain");
            return;
        }
        TrainingData data;
        try {
            data = TrainingData.forModel(trainingOrigin, m.dataset());
        } catch (WorkbenchException e) {
            host.status().setMessage(e.getMessage());
            ErrorDialog.show(host.owner().get(), "Cannot retrain " + m.graph().name(), e);
            return;
        }
        Path before = m.modelFile().get();
        Path dataset = m.dataset().orElse(null);
        String fileName = trainingOrigin.getFileName().toString();
        dialog = new RetrainDialog(host.owner().get(), m.graph().name(), data.source(), (settings, listener) -> {
            DesignState s = host.current().get();
            Task<RetrainResult> task = new Task<>() {
                @Override
                protected RetrainResult call() {
                    updateMessage("Retraining " + s.graph().name() + "…");
                    return retrainer.retrain(s.graph(), s.freshLayers(), data, settings, fileName,
                            (epoch, total, loss) -> {
                                updateProgress(epoch, total);
                                listener.epochDone(epoch, total, loss);
                            }, this::isCancelled);
                }
            };
            host.work().run(task, "Could not retrain " + s.graph().name(), r -> {
                produced.add(r.modelFile().toAbsolutePath().normalize());
                temporary.add(r.modelFile().toAbsolutePath().normalize());
                previous.push(before);
                host.status().setMessage("Retrained; reopening with the new weights");
                host.reopen().accept(r.modelFile(), dataset);
            });
            return task;
        }, () -> revert(dataset));
        dialog.show();
    }

    /** Reopens the model file that was open before the last retraining. */
    void revert(Path dataset) {
        Path back = previous.poll();
        if (back == null) {
            host.status().setMessage("There are no earlier weights to go back to");
            return;
        }
        host.status().setMessage("Back to the weights of " + back.getFileName());
        host.reopen().accept(back, dataset);
    }
}
