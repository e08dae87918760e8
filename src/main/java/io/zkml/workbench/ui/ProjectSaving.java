package io.zkml.workbench.ui;

import io.zkml.workbench.ui.design.DesignController;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.project.Autosave;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.RecentFiles;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.ui.document.EditorDocument;
import io.zkml.workbench.ui.document.SaveQueue;
import javafx.application.Platform;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Puts the open project on disk: Save and Save as (a retrained model that lives only in a temp folder is
 * copied beside the project first), the autosave, Save model as, and the question about unsaved changes
 * before the project is left. The state is taken on the FX thread; every file is written on the one save
 * thread (atomically, in the order asked), and the outcome comes back on the FX thread.
 */
final class ProjectSaving implements AutoCloseable {

    /** What the window lends: the project as it stands, and the model it was opened from. */
    interface Host {
        /** The open model; null before one is open. */
        OpenedModel model();

        /** The open model as a project; empty for graphs without a model file. */
        Optional<WorkbenchProject> currentProject();

        /** Whether the project has changes that are not on disk. */
        boolean dirty();

        /** The open model now lives in {@code copy} (same bytes): the project refers to it from here on. */
        void relocateModel(Path copy);

        /** What the save question calls the document. */
        String documentName();
    }

    private final Host host;
    private final EditorDocument doc;
    private final DesignController design;
    private final ProjectStore store;
    private final Autosave autosave;
    private final RecentFiles recent;
    private final StatusBar status;
    private final WindowDialogs dialogs;
    private final Supplier<Window> window;
    private final SaveQueue saves = new SaveQueue(Platform::runLater);

    ProjectSaving(Host host, EditorDocument doc, DesignController design, ProjectStore store, Autosave autosave,
                  RecentFiles recent, StatusBar status, WindowDialogs dialogs, Supplier<Window> window) {
        this.host = host;
        this.doc = doc;
        this.design = design;
        this.store = store;
        this.autosave = autosave;
        this.recent = recent;
        this.status = status;
        this.dialogs = dialogs;
        this.window = window;
    }

    /** Ctrl+S: saves to the project file, or asks for one the first time. */
    CompletableFuture<Boolean> save() {
        Optional<Path> file = doc.projectFile();
        return file.isEmpty() ? chooseSaveAs() : saveAs(file.get());
    }

    /** "Save as…": asks where, then {@link #saveAs(Path)}. */
    CompletableFuture<Boolean> chooseSaveAs() {
        if (host.currentProject().isEmpty()) {
            status.setMessage("Nothing to save: open a model first");
            return CompletableFuture.completedFuture(false);
        }
        return dialogs.projectToSave(host.model().graph().name()).map(this::saveAs)
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    /**
     * Writes the project. The dirty marker clears when the write has finished, unless the project changed
     * again meanwhile. A retrained model that still lives only in its temp folder is first copied next to
     * the project ({@code <project>-models/}), which the project then points at.
     *
     * @return completes on the FX thread: true once saved, false when the write failed (the user has been
     *         told why)
     */
    CompletableFuture<Boolean> saveAs(Path file) {
        Optional<WorkbenchProject> current = host.currentProject();
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        Path target = file.toAbsolutePath().normalize();
        WorkbenchProject p = current.get();
        Path temporaryModel = design.isTemporary(p.model()) ? p.model() : null;
        Path keptModel = temporaryModel == null ? null : keptModelFor(target, temporaryModel);
        WorkbenchProject toWrite = keptModel == null ? p : p.withModel(keptModel, p.modelSha256());
        Path before = autosaveFile();
        Path after = autosave.fileFor(Optional.of(target), p.model());
        EditorDocument.Save at = doc.beginSave();
        status.setMessage("Saving " + target.getFileName() + "…");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        OpenedModel forModel = host.model();
        saves.submit(() -> {
            if (keptModel != null) {
                AtomicFiles.copy(temporaryModel, keptModel);
            }
            store.save(toWrite, target);
            autosave.discard(before);
            autosave.discard(after);
            recent.add(target, RecentFiles.Kind.PROJECT);
        }, () -> {
            if (keptModel != null && host.model() == forModel) {
                host.relocateModel(keptModel);
            }
            // Clean unless the project changed during the write; undoing back to this state is clean again.
            doc.saved(at, target);
            status.setMessage("Saved " + target.getFileName() + (keptModel == null ? ""
                    : " with the retrained model in " + target.getParent().relativize(keptModel)));
            done.complete(true);
        }, failed(done, false, "Could not save", "Could not save the project", () -> doc.saveFailed(at)));
        return done;
    }

    /** Where a project keeps a retrained model: {@code <project>-models/<model file name>} beside it. */
    static Path keptModelFor(Path projectFile, Path model) {
        String base = projectFile.getFileName().toString().replaceFirst("\\.zkwb$", "");
        return projectFile.resolveSibling(base + "-models").resolve(model.getFileName().toString());
    }

    private Path autosaveFile() {
        return autosave.fileFor(doc.projectFile(), host.model().modelFile().orElseThrow());
    }

    /**
     * Writes unsaved changes to the autosave file.
     *
     * @return completes with the file written, or empty when there was nothing to keep or the write failed
     *         (the status bar then says why)
     */
    CompletableFuture<Optional<Path>> autosaveNow() {
        if (!host.dirty() || !doc.needsAutosave()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<WorkbenchProject> p = host.currentProject();
        if (p.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Path target = autosaveFile();
        CompletableFuture<Optional<Path>> done = new CompletableFuture<>();
        saves.submit(() -> autosave.write(p.get(), target), () -> done.complete(Optional.of(target)), e -> {
            status.setMessage("Autosave failed: " + ErrorDialog.humanMessage(e));
            done.complete(Optional.empty());
        });
        return done;
    }

    private Optional<Path> modelFile() {
        return host.model() == null ? Optional.empty() : host.model().modelFile();
    }

    /** "Save model as…": asks where, then {@link #saveModelAs(Path)}. */
    void chooseSaveModelAs() {
        Optional<Path> current = modelFile();
        if (current.isEmpty()) {
            status.setMessage("Nothing to save: open a model first");
            return;
        }
        dialogs.modelToSave(current.get()).ifPresent(this::saveModelAs);
    }

    /**
     * Writes the open model (e.g. one retraining left in a temp folder) as a Deeplearning4j zip with its
     * normaliser, atomically, and points the project at the new file. Unretrained design edits are not in
     * the file: they stay in the project until retrained.
     *
     * @return completes on the FX thread: true once written
     */
    CompletableFuture<Boolean> saveModelAs(Path file) {
        Optional<Path> current = modelFile();
        if (current.isEmpty()) {
            status.setMessage("Nothing to save: open a model first");
            return CompletableFuture.completedFuture(false);
        }
        Path source = current.get();
        Path target = file.toAbsolutePath().normalize();
        if (!source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            status.setMessage("Save model as writes Deeplearning4j models; " + source.getFileName()
                    + " is a Keras file: retrain it in design mode to get one");
            return CompletableFuture.completedFuture(false);
        }
        if (target.equals(source)) {
            status.setMessage("The model is already saved as " + target.getFileName());
            return CompletableFuture.completedFuture(true);
        }
        status.setMessage("Saving the model as " + target.getFileName() + "…");
        OpenedModel forModel = host.model();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        saves.submit(() -> AtomicFiles.copy(source, target), () -> {
            if (host.model() == forModel) {
                host.relocateModel(target);
                doc.project().changedOutsideHistory();
            }
            recent.add(target, RecentFiles.Kind.MODEL);
            status.setMessage("Saved the model as " + target + (design.isEdited()
                    ? "; the design edits since the last retraining are not in it (retrain, then save it again)" : ""));
            done.complete(true);
        }, failed(done, false, "Could not save the model", "Could not save the model", () -> { }));
        return done;
    }

    /** A failed write: the status bar and an error dialog say why, and {@code done} completes with {@code value}. */
    private <T> Consumer<RuntimeException> failed(CompletableFuture<T> done, T value, String statusPrefix,
                                                  String dialogTitle, Runnable first) {
        return e -> {
            first.run();
            status.setMessage(statusPrefix + ": " + ErrorDialog.humanMessage(e));
            ErrorDialog.show(window.get(), dialogTitle, e);
            done.complete(value);
        };
    }

    /**
     * Asks about unsaved changes before the project is left (Home, a drop, closing the window);
     * {@code proceed} runs once they are saved or the user chose to drop them (their autosave is then
     * removed), never when the user cancels or the save failed.
     */
    void confirmLeave(String question, Runnable proceed) {
        if (!host.dirty()) {
            proceed.run();
            return;
        }
        dialogs.askToSave(question, host.documentName(), () -> save().thenAccept(saved -> {
            if (saved && !host.dirty()) {
                proceed.run();
            }
        }), () -> {
            Optional<Path> unsaved = modelFile().map(m -> autosaveFile());
            saves.submit(() -> unsaved.ifPresent(autosave::discard), proceed, ex -> proceed.run());
        });
    }

    /** A project or model write in flight is allowed to finish. */
    @Override
    public void close() {
        saves.close();
    }
}
