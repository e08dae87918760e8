package io.zkml.workbench.design;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Undo and redo over design edits. Each state remembers every layer re-initialised since the
 * imported weights, because retraining must not copy placeholder weights as if they were trained.
 */
public final class EditHistory {

    /**
     * @param freshLayers layers whose weights are placeholders rather than trained values
     * @param description the edit that led here ("Original" for the imported graph)
     * @param steps       the edits from the original graph to this one, in order; null when one
     *                    of them was not made through a {@link DesignStep} and so cannot be replayed
     */
    public record State(ModelGraph graph, Set<String> freshLayers, String description, List<DesignStep> steps) {

        public State {
            freshLayers = Set.copyOf(freshLayers);
            steps = steps == null ? null : List.copyOf(steps);
        }

        /** Whether {@link #steps()} rebuilds this graph from the original one. */
        public boolean replayable() {
            return steps != null;
        }
    }

    private final State original;
    private final Deque<State> undo = new ArrayDeque<>();
    private final Deque<State> redo = new ArrayDeque<>();
    private State current;

    public EditHistory(ModelGraph original) {
        this.original = new State(original, Set.of(), "Original", List.of());
        this.current = this.original;
    }

    public State current() {
        return current;
    }

    public State original() {
        return original;
    }

    /** True when the current graph differs from the one the history started with. */
    public boolean isEdited() {
        return current != original;
    }

    public State apply(Edit edit) {
        Set<String> names = edit.graph().nodes().stream().map(Node::name).collect(Collectors.toSet());
        Set<String> fresh = new HashSet<>(current.freshLayers());
        fresh.addAll(edit.reinitialised());
        fresh.retainAll(names);
        List<DesignStep> steps = null;
        if (current.replayable() && edit.step() != null) {
            steps = new ArrayList<>(current.steps());
            steps.add(edit.step());
        }
        undo.push(current);
        redo.clear();
        current = new State(edit.graph(), fresh, edit.description(), steps);
        return current;
    }

    /**
     * Replays saved steps on the original graph, each as an undoable edit.
     *
     * @throws io.zkml.workbench.WorkbenchException when a step no longer fits (the model changed);
     *         the history is then left at the original graph
     */
    public State replay(List<DesignStep> steps) {
        if (isEdited() || canRedo()) {
            throw new IllegalStateException("replay starts from a fresh history");
        }
        try {
            for (DesignStep s : steps) {
                apply(s.applyTo(current.graph()));
            }
        } catch (RuntimeException e) {
            undo.clear();
            current = original;
            throw e;
        }
        return current;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would take back, for the button's tooltip. */
    public Optional<String> undoDescription() {
        return canUndo() ? Optional.of(current.description()) : Optional.empty();
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(State::description);
    }

    public Optional<State> undo() {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        redo.push(current);
        current = undo.pop();
        return Optional.of(current);
    }

    public Optional<State> redo() {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        undo.push(current);
        current = redo.pop();
        return Optional.of(current);
    }
}
