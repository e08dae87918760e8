package io.zkml.workbench.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * A model or project file dropped onto the window opens as File ▸ Open would: one regular file is
 * accepted, whatever its name (the importer tells DL4J, Keras and ONNX models apart by their bytes).
 */
final class FileDrop {

    private FileDrop() {
    }

    static void install(Node target, Consumer<Path> open) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() == null && droppedFile(files(e.getDragboard())).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Optional<Path> file = droppedFile(files(e.getDragboard()));
            file.ifPresent(open);
            e.setDropCompleted(file.isPresent());
            e.consume();
        });
    }

    private static List<File> files(Dragboard board) {
        return board.hasFiles() ? board.getFiles() : List.of();
    }

    /** The one regular file of a drop, or empty for several files, a folder or nothing. */
    static Optional<Path> droppedFile(List<File> files) {
        if (files.size() != 1 || !Files.isRegularFile(files.get(0).toPath())) {
            return Optional.empty();
        }
        return Optional.of(files.get(0).toPath());
    }
}
