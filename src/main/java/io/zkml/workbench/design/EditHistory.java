package io.zkml.workbench.design;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Undo and redo over immutable states, each with the description of the edit that led to it.
 * The workbench keeps one per open project (of {@code project.ProjectState}: spec, export settings
 * and design together), so one Ctrl+Z takes back whichever kind of edit came last; design mode's
 * graph edits are one kind ({@link DesignState}).
 *
 * <p>Every state in the history has a position; {@link #position()} names the current one, so a
 * caller can tell later whether the history is back where it was (e.g. at the saved state).
 *
 * @param <S> the state; compared by identity, never by equals, so undo means "exactly that object"
 */
public final class EditHistory<S> {

    private record Entry<S>(long position, S state, String description) {
    }

    private final Deque<Entry<S>> undo = new ArrayDeque<>();
    private final Deque<Entry<S>> redo = new ArrayDeque<>();
    private final Entry<S> original;
    private Entry<S> current;
    private long next;

    /** A history starting at {@code original}, described as "Original". */
    public EditHistory(S original) {
        this.original = new Entry<>(next++, Objects.requireNonNull(original), "Original");
        this.current = this.original;
    }

    public S current() {
        return current.state();
    }

    public S original() {
        return original.state();
    }

    /** The description of the edit that led to the current state ("Original" at the start). */
    public String currentDescription() {
        return current.description();
    }

    /** Names the current state: equal positions mean the very same state, even after undo and redo. */
    public long position() {
        return current.position();
    }

    /** True when the current state is not the one the history started with. */
    public boolean isEdited() {
        return current != original;
    }

    /** Records an edit: {@code state} becomes current, and what could be redone is gone. */
    public S apply(S state, String description) {
        undo.push(current);
        redo.clear();
        current = new Entry<>(next++, Objects.requireNonNull(state), description);
        return state;
    }

    /**
     * Replaces the current state without a step to undo, for changes nobody would want to take back
     * on their own (the calibration the workbench makes when a model opens). The position stays, so
     * a state that was saved still counts as saved.
     */
    public void amend(S state) {
        current = new Entry<>(current.position(), Objects.requireNonNull(state), current.description());
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would take back, for the button's tooltip and the menu entry. */
    public Optional<String> undoDescription() {
        return canUndo() ? Optional.of(current.description()) : Optional.empty();
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(Entry::description);
    }

    public Optional<S> undo() {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        redo.push(current);
        current = undo.pop();
        return Optional.of(current.state());
    }

    public Optional<S> redo() {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        undo.push(current);
        current = redo.pop();
        return Optional.of(current.state());
    }
}
