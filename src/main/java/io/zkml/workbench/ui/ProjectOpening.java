package io.zkml.workbench.ui;

import io.zkml.workbench.project.Autosave;
import io.zkml.workbench.project.MissingModelException;
import io.zkml.workbench.project.OpenedProject;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.RecentFiles;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.ui.graph.GraphLayout;
import io.zkml.workbench.ui.graph.LayeredLayout;
import io.zkml.workbench.ui.graph.LayoutDirection;
import io.zkml.workbench.ui.graph.NodeCard;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.List;

/**
 * Brings a model or a project into the window: the file choosers, a dropped file, Recent files, an
 * autosave offered for recovery, and a project whose model moved (the user locates it). The model is
 * read and laid out off the FX thread; the window shows it ({@link Host#show}); only what opened goes
 * into Recent files, and a project that cannot be shown leaves the start page, not a half-open editor.
 */
final class ProjectOpening {

    /** Project settings to put back after a model opens; {@link #NONE} for a bare model. */
    record Restore(QuantSpec spec, WorkbenchProject.EditorLayout editor, Path projectFile,
                   WorkbenchProject.ExportSettings export, WorkbenchProject.ProvingSettings proving,
                   WorkbenchProject.Design design, boolean dirty, List<String> warnings) {
        static final Restore NONE = new Restore(null, null, null, null, null, WorkbenchProject.Design.NONE, false,
                List.of());
    }

    /** What the window does with an opened model, and what it lends. */
    interface Host {
        /**
         * Shows the model in the editor with {@code restore}'s settings; throws when the saved state does not
         * fit the model (e.g. a design edit the model refuses).
         */
        void show(OpenedModel model, LoadedModel layout, LayoutDirection direction, Restore restore);

        /** The layout direction a model without saved settings opens in. */
        LayoutDirection direction();

        void showStart();

        /** Asks about unsaved changes; {@code proceed} runs unless the user cancels. */
        void confirmLeave(String question, Runnable proceed);
    }

    private final Host host;
    private final ModelLoader loader;
    private final ProjectStore store;
    private final RecentFiles recent;
    private final Autosave autosave;
    private final BackgroundWork work;
    private final WindowDialogs dialogs;
    private final StatusBar status;

    ProjectOpening(Host host, ModelLoader loader, ProjectStore store, RecentFiles recent, Autosave autosave,
                   BackgroundWork work, WindowDialogs dialogs, StatusBar status) {
        this.host = host;
        this.loader = loader;
        this.store = store;
        this.recent = recent;
        this.autosave = autosave;
        this.work = work;
        this.dialogs = dialogs;
        this.status = status;
    }

    /** The layout every graph of the window gets: layered, spaced for the node cards. */
    static LayeredLayout newLayout() {
        return new LayeredLayout(NodeCard.WIDTH, NodeCard.HEIGHT);
    }

    /** File ▸ Open model… */
    void chooseModel() {
        dialogs.modelToOpen().ifPresent(this::open);
    }

    /** File ▸ Open project… */
    void chooseProject() {
        dialogs.projectToOpen().ifPresent(this::openProject);
    }

    /**
     * A file dropped onto the window: a project opens as a project, anything else as a model (after
     * asking about unsaved changes: a drop is easily made by accident).
     */
    void openDropped(Path file) {
        host.confirmLeave("Save changes before opening " + file.getFileName() + "?", () -> {
            if (file.getFileName().toString().endsWith(ProjectStore.EXTENSION)) {
                openProject(file);
            } else {
                open(new ModelRequest.File(file));
            }
        });
    }

    void openRecent(RecentFiles.Entry e) {
        if (e.kind() == RecentFiles.Kind.PROJECT) {
            openProject(e.file());
        } else {
            open(new ModelRequest.File(e.file()));
        }
    }

    /**
     * Opens a project, first offering its autosave when that holds newer, unsaved work. The
     * offer is a non-modal dialog so nothing waits on the FX thread.
     */
    void openProject(Path file) {
        java.util.Optional<Path> newer = autosave.recoveryFor(file);
        if (newer.isEmpty()) {
            loadProject(file, file, null, false);
            return;
        }
        dialogs.offerRecovery(file, () -> loadProject(newer.get(), file, null, true), () -> {
            autosave.discard(newer.get());
            loadProject(file, file, null, false);
        });
    }

    /** The start page's recovery banner: an untitled project's autosave, opened as unsaved work. */
    void recoverUnsaved(Path autosaveFile) {
        loadProject(autosaveFile, null, null, true);
    }

    /**
     * @param source   the file to read (the project or its autosave)
     * @param saveTo   the project file the result belongs to, null for an untitled project
     * @param relocate the model file the user located when the project's was missing
     */
    private void loadProject(Path source, Path saveTo, Path relocate, boolean dirtyAfter) {
        Task<OpenedProject> task = new Task<>() {
            @Override
            protected OpenedProject call() {
                updateMessage("Reading " + source.getFileName() + "…");
                updateProgress(-1, 1);
                return store.load(source, relocate);
            }
        };
        work.run(task, "Could not open " + source.getFileName(), op -> {
            WorkbenchProject p = op.project();
            open(new ModelRequest.File(p.model(), p.dataset()), new Restore(p.quant(), p.editor(), saveTo,
                    p.export(), p.proving(), p.design(), dirtyAfter || relocate != null || op.modelChanged(),
                    op.warnings()));
        }, t -> {
            if (t instanceof MissingModelException missing) {
                dialogs.offerToLocate(missing.getMessage(), missing.expectedModel(),
                        located -> loadProject(source, saveTo, located, dirtyAfter));
                return true;
            }
            host.showStart(); // the error dialog follows
            return false;
        });
    }

    /** Loads and lays out a model in the background, then shows it in the editor. */
    Task<?> open(ModelRequest request) {
        return open(request, Restore.NONE);
    }

    Task<?> open(ModelRequest request, Restore restore) {
        LayoutDirection dir = restore.editor() == null ? host.direction()
                : LayoutDirection.valueOf(restore.editor().direction().name());
        Task<Opened> task = new Task<>() {
            @Override
            protected Opened call() throws Exception {
                updateMessage("Opening " + request.label() + "…");
                updateProgress(-1, 1);
                OpenedModel m = loader.load(request);
                if (isCancelled()) {
                    return null;
                }
                updateMessage("Laying out " + m.graph().nodes().size() + " nodes…");
                updateProgress(0.8, 1);
                return new Opened(m, newLayout().layout(m.graph(), dir));
            }
        };
        String failure = "Could not open " + (restore.projectFile() != null
                ? restore.projectFile().getFileName().toString() : request.label());
        return work.run(task, failure, o -> {
            try {
                host.show(o.model(), new LoadedModel(o.model().graph(), o.layout()), dir, restore);
            } catch (RuntimeException e) {
                // A project whose saved state does not fit its model must not leave a half-shown editor
                // behind: say why and go back to the start page.
                status.setMessage(failure + ": " + ErrorDialog.humanMessage(e));
                host.showStart();
                dialogs.error(failure, e);
                return;
            }
            // Only what opened is worth offering again: a file that failed stays out of Recent.
            if (restore.projectFile() != null) {
                recent.add(restore.projectFile(), RecentFiles.Kind.PROJECT);
            } else if (request instanceof ModelRequest.File f) {
                recent.add(f.path(), RecentFiles.Kind.MODEL);
            }
        }, t -> {
            if (restore != Restore.NONE) {
                host.showStart();
            }
            return false;
        });
    }

    private record Opened(OpenedModel model, GraphLayout layout) {
    }
}
