package io.zkml.workbench.ui.document;

import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.project.ProjectDocument;
import io.zkml.workbench.project.ProjectState;
import io.zkml.workbench.quant.QuantSpec;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the editor has open, as plain Java: the project (spec, export settings, design, with its one
 * undo history and dirty state: {@link ProjectDocument}), the file it is saved in, the save in flight
 * and the program compiled for its spec. The window and its views show this and change it through
 * it; a test drives it without JavaFX. Used on one thread (the FX thread in the app).
 */
public final class EditorDocument {

    /**
     * A save in progress: the project it writes (another may be open by the time it finishes) and
     * where that project's history stood when the state was taken.
     */
    public record Save(ProjectDocument project, ProjectDocument.SavePoint at) {
    }

    /** The program compiled from {@code spec} (with the project's settings at the time). */
    public record Compiled(QuantSpec spec, CompiledModel program) {
    }

    private final Runnable changed;
    private ProjectDocument project;
    private Path projectFile;
    private Save saving;
    private Compiled compiled;

    /** @param changed called after every change (an edit, undo, redo, save, another project), so views follow */
    public EditorDocument(Runnable changed) {
        this.changed = changed;
    }

    /**
     * Another project (or a bare model) is open: a new history starting at {@code initial}.
     *
     * @param dirty       true when that state is already unsaved (a recovered autosave, a relocated model)
     * @param projectFile where it is saved, null for an untitled project
     */
    public void open(ProjectState initial, boolean dirty, Path projectFile) {
        this.project = new ProjectDocument(initial, dirty, changed);
        this.projectFile = projectFile;
        this.compiled = null;
        changed.run();
    }

    public boolean isOpen() {
        return project != null;
    }

    /** The open project's history (null before a model opens). */
    public ProjectDocument project() {
        return project;
    }

    /** The open project's state, or null before a model opens. */
    public ProjectState state() {
        return project == null ? null : project.state();
    }

    public Optional<Path> projectFile() {
        return Optional.ofNullable(projectFile);
    }

    public boolean isDirty() {
        return project != null && project.isDirty();
    }

    /** Takes the state a save writes now; hand the token to {@link #saved} or {@link #saveFailed}. */
    public Save beginSave() {
        saving = new Save(project, project.savePoint());
        return saving;
    }

    /**
     * The save's file is on disk: its project is clean whenever its history is back at that state, and
     * (if it is still the open one) is saved in {@code file} from now on.
     */
    public void saved(Save s, Path file) {
        if (saving == s) {
            saving = null;
        }
        if (s.project() == project) {
            projectFile = file;
        }
        s.project().saved(s.at());
        changed.run();
    }

    public void saveFailed(Save s) {
        if (saving == s) {
            saving = null;
        }
    }

    /** Whether an autosave would keep anything: unsaved changes that no save in flight already writes. */
    public boolean needsAutosave() {
        return isDirty() && (saving == null || saving.project() != project
                || !saving.at().equals(project.savePoint()));
    }

    /** The newest program compiled for the project (null while none could be). */
    public void compiled(QuantSpec spec, CompiledModel program) {
        compiled = program == null ? null : new Compiled(spec, program);
    }

    public Optional<Compiled> compiled() {
        return Optional.ofNullable(compiled);
    }

    /** The compiled program if it was compiled from exactly {@code spec}. */
    public Optional<CompiledModel> compiledFor(QuantSpec spec) {
        return compiled != null && compiled.spec().equals(spec) ? Optional.of(compiled.program()) : Optional.empty();
    }
}
