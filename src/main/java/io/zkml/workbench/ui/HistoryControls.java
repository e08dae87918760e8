package io.zkml.workbench.ui;

import io.zkml.workbench.project.ProjectDocument;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

import java.util.Optional;

/**
 * The toolbar's undo/redo buttons and the Edit menu's entries, showing what the project's history
 * would take back or bring back ("Undo Quantization of conv1"), and disabled when nothing would.
 */
final class HistoryControls {

    private final WorkbenchToolbar toolbar;
    private final MenuItem undoItem;
    private final MenuItem redoItem;

    HistoryControls(WorkbenchToolbar toolbar, MenuBar menus) {
        this.toolbar = toolbar;
        this.undoItem = find(menus, "menuUndo");
        this.redoItem = find(menus, "menuRedo");
        show(null);
    }

    /** Follows {@code document} (null: no project open). */
    void show(ProjectDocument document) {
        Optional<String> undo = document == null ? Optional.empty() : document.undoDescription();
        Optional<String> redo = document == null ? Optional.empty() : document.redoDescription();
        toolbar.undo.setDisable(undo.isEmpty());
        toolbar.redo.setDisable(redo.isEmpty());
        toolbar.undo.getTooltip().setText(undo.map(d -> "Undo: " + d).orElse("Nothing to undo") + " (Ctrl Z)");
        toolbar.redo.getTooltip().setText(redo.map(d -> "Redo: " + d).orElse("Nothing to redo") + " (Ctrl Shift Z)");
        undoItem.setText(undo.map(d -> "Undo " + d).orElse("Undo"));
        redoItem.setText(redo.map(d -> "Redo " + d).orElse("Redo"));
        undoItem.setDisable(undo.isEmpty());
        redoItem.setDisable(redo.isEmpty());
    }

    private static MenuItem find(MenuBar bar, String id) {
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no menu entry " + id));
    }

}
