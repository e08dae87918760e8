package io.zkml.workbench.ui;

import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.session.ModelSession;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the workbench window asks the user: which file to open or save, and whether to recover,
 * locate or save a project. It only asks; what follows from an answer is the window's. File
 * choosers answer at once (they are modal); the prompts are non-modal dialogs that call back, so
 * nothing waits on the FX thread.
 */
final class WindowDialogs {

    private static final String APP = "zkML Workbench";

    private final Supplier<Window> owner;

    WindowDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** A model file and, unless it is a bundled sample, an optional dataset for it. */
    Optional<ModelRequest.File> modelToOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Deeplearning4j model (*.zip)", "*.zip"),
                new FileChooser.ExtensionFilter("Keras model (*.h5, *.keras)", "*.h5", "*.keras"),
                new FileChooser.ExtensionFilter("ONNX model (*.onnx)", "*.onnx"),
                allFiles());
        File f = chooser.showOpenDialog(owner.get());
        if (f == null) {
            return Optional.empty();
        }
        // A sample's own test split comes with it; any other model may have a dataset or none.
        Optional<Path> csv = ModelSession.sampleFor(f.toPath()).isPresent() ? Optional.empty()
                : csv("Dataset for " + f.getName() + " (optional: cancel to open without one)", f.getParentFile());
        return Optional.of(new ModelRequest.File(f.toPath(), csv.orElse(null)));
    }

    /** A dataset (CSV) for the open model. */
    Optional<Path> dataset() {
        return csv("Choose dataset", null);
    }

    Optional<Path> projectToOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open project");
        chooser.getExtensionFilters().addAll(projectFilter(), allFiles());
        return path(chooser.showOpenDialog(owner.get()));
    }

    /** Where to save the project, with the project extension added when the name lacks it. */
    Optional<Path> projectToSave(String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save project");
        chooser.getExtensionFilters().add(projectFilter());
        chooser.setInitialFileName(initialName + ProjectStore.EXTENSION);
        return path(chooser.showSaveDialog(owner.get())).map(p -> p.getFileName().toString().endsWith(ProjectStore.EXTENSION)
                ? p : p.resolveSibling(p.getFileName() + ProjectStore.EXTENSION));
    }

    /** Where to save the model file {@code current} as a Deeplearning4j zip ({@code .zip} added when missing). */
    Optional<Path> modelToSave(Path current) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save model as");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Deeplearning4j model (*.zip)", "*.zip"));
        chooser.setInitialFileName(current.getFileName().toString());
        return path(chooser.showSaveDialog(owner.get())).map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".zip") ? p : p.resolveSibling(p.getFileName() + ".zip"));
    }

    /** The warnings a project opened with (e.g. design edits that could not be replayed), in one dialog. */
    /** An error dialog over the window (see {@link ErrorDialog}). */
    void error(String summary, Throwable t) {
        ErrorDialog.show(owner.get(), summary, t);
    }

    void openedWithWarnings(List<String> warnings) {
        Alert a = new Alert(Alert.AlertType.WARNING, String.join("\n\n", warnings), ButtonType.OK);
        show(a, "The project opened with a warning");
    }

    /** The project {@code file} has newer unsaved work in its autosave: recover it, or open the saved version. */
    void offerRecovery(Path file, Runnable recover, Runnable openSaved) {
        ButtonType yes = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType saved = new ButtonType("Open saved version", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, APP + " saved changes to " + file.getFileName()
                + " that were never saved, probably because it closed unexpectedly. Recover them?", yes, saved);
        a.setOnHidden(e -> {
            if (a.getResult() == yes) {
                recover.run();
            } else if (a.getResult() == saved) {
                openSaved.run();
            }
        });
        show(a, "Recover unsaved changes?");
    }

    /** A project's model file is missing ({@code why} says where it was looked for): offers to locate it. */
    void offerToLocate(String why, Path expected, Consumer<Path> located) {
        ButtonType locate = new ButtonType("Locate model…", ButtonBar.ButtonData.YES);
        Alert a = new Alert(Alert.AlertType.WARNING, why, locate, ButtonType.CANCEL);
        a.setOnHidden(ev -> {
            if (a.getResult() == locate) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Locate " + expected.getFileName());
                path(chooser.showOpenDialog(owner.get())).ifPresent(located);
            }
        });
        show(a, "The project's model is missing");
    }

    /**
     * Unsaved changes to {@code documentName} are about to be left ({@code question}, e.g. "Save changes
     * before closing?"): Save, Don't save, or Cancel (neither callback runs).
     */
    void askToSave(String question, String documentName, Runnable save, Runnable drop) {
        ButtonType saveIt = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType dropIt = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes to " + documentName
                + " will be lost if you don't save them.", saveIt, dropIt, ButtonType.CANCEL);
        a.setOnHidden(e -> {
            if (a.getResult() == saveIt) {
                save.run();
            } else if (a.getResult() == dropIt) {
                drop.run();
            }
        });
        show(a, question);
    }

    private void show(Alert a, String header) {
        a.initOwner(owner.get());
        a.setTitle(APP);
        a.setHeaderText(header);
        a.show();
    }

    private Optional<Path> csv(String title, File initialDirectory) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialDirectory != null) {
            chooser.setInitialDirectory(initialDirectory);
        }
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"), allFiles());
        return path(chooser.showOpenDialog(owner.get()));
    }

    private static Optional<Path> path(File f) {
        return Optional.ofNullable(f).map(File::toPath);
    }

    private static FileChooser.ExtensionFilter projectFilter() {
        return new FileChooser.ExtensionFilter(APP + " project (*" + ProjectStore.EXTENSION + ")",
                "*" + ProjectStore.EXTENSION);
    }

    private static FileChooser.ExtensionFilter allFiles() {
        return new FileChooser.ExtensionFilter("All files", "*.*");
    }
}
