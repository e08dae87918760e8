package io.zkml.workbench.project;

import io.zkml.workbench.design.EditHistory;

import java.util.Objects;
import java.util.Optional;

/**
 * The open project as a document: its current {@link ProjectState}, the one undo/redo history of
 * every edit (spec, calibration, auto-tune, weights mode, design), and whether it differs from
 * what was last saved. Plain Java, so the workbench's presenters and tests share one definition
 * of "edited" and "dirty".
 *
 * <p>Dirty follows the history: undoing back to the saved state makes the project clean again.
 * A few changes are saved with the project but are not edits anyone undoes (the graph's layout
 * direction, the model file moving to a copy); {@link #changedOutsideHistory()} records those,
 * and only a save clears them.
 */
public final class ProjectDocument {

    /**
     * One undo or redo: the state before and after, and the edit's description.
     *
     * @param undone true for an undo (the description names the edit taken back), false for a redo
     */
    public record Change(ProjectState before, ProjectState after, String description, boolean undone) {
    }

    /** What a save writes: where the history stood and how many outside changes it includes. */
    public record SavePoint(long position, long outsideChanges) {
    }

    private final EditHistory<ProjectState> history;
    private final Runnable changed;
    private long savedPosition;
    private long outsideChanges;
    private long savedOutsideChanges;

    /**
     * @param initial what the project holds when opened
     * @param dirty   true when that is already unsaved (a recovered autosave, a relocated model)
     * @param changed called after every change of state or dirtiness, so views can follow
     */
    public ProjectDocument(ProjectState initial, boolean dirty, Runnable changed) {
        this.history = new EditHistory<>(initial);
        this.changed = changed;
        this.savedPosition = history.position();
        if (dirty) {
            outsideChanges = 1;
        }
    }

    public ProjectState state() {
        return history.current();
    }

    /** Records an edit the user can undo; a state identical to the current one is not an edit. */
    public void edit(String description, ProjectState next) {
        ProjectState now = history.current();
        // Design states are told apart by identity: comparing two graphs' weights would be slow and says nothing more.
        if (Objects.equals(next.spec(), now.spec()) && Objects.equals(next.export(), now.export())
                && next.design() == now.design()) {
            return;
        }
        history.apply(next, description);
        changed.run();
    }

    /**
     * Replaces the current state without an undo step and without making the project dirty: for
     * what the workbench fills in by itself (the first calibration of a project without a spec).
     */
    public void amend(ProjectState next) {
        history.amend(next);
        changed.run();
    }

    /** A saved change that is not an undoable edit (layout direction, the model moved to a copy). */
    public void changedOutsideHistory() {
        outsideChanges++;
        changed.run();
    }

    /**
     * Makes the current state the one on disk, for a project whose saved design edits were just
     * replayed (each an undoable edit, yet what the file holds); outside changes stay unsaved.
     */
    public void openedAsSaved() {
        savedPosition = history.position();
        changed.run();
    }

    public Optional<Change> undo() {
        ProjectState before = history.current();
        String what = history.currentDescription();
        return history.undo().map(after -> notify(new Change(before, after, what, true)));
    }

    public Optional<Change> redo() {
        ProjectState before = history.current();
        return history.redo().map(after -> notify(new Change(before, after, history.currentDescription(), false)));
    }

    private Change notify(Change c) {
        changed.run();
        return c;
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    public Optional<String> undoDescription() {
        return history.undoDescription();
    }

    public Optional<String> redoDescription() {
        return history.redoDescription();
    }

    /** Unsaved: the history is elsewhere than at the saved state, or there are outside changes since the save. */
    public boolean isDirty() {
        return history.position() != savedPosition || outsideChanges != savedOutsideChanges;
    }

    /** What a save starting now writes; hand it to {@link #saved} once the file is on disk. */
    public SavePoint savePoint() {
        return new SavePoint(history.position(), outsideChanges);
    }

    /** The state at {@code p} is on disk: the project is clean whenever it is back at that state. */
    public void saved(SavePoint p) {
        savedPosition = p.position();
        savedOutsideChanges = p.outsideChanges();
        changed.run();
    }
}
