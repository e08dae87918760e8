package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.LayoutDirection;

import io.zkml.workbench.ui.graph.HeatMetric;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The main window's toolbar. It only holds controls; {@link MainWindow} wires their actions.
 * File actions are in the menu bar's File menu ({@link MenuBarBuilder}), which takes these items;
 * the bar holds icon buttons with tooltips, except the few that read better with a word.
 */
public final class WorkbenchToolbar extends ToolBar {

    final Button home = iconButton("home", MaterialDesignH.HOME_OUTLINE, "Start page");
    final MenuItem openModel = menuItem("openModel", "Open model…", MaterialDesignF.FOLDER_OPEN_OUTLINE);
    final MenuItem openProject = menuItem("openProject", "Open project…", MaterialDesignF.FOLDER_COG_OUTLINE);
    final MenuItem saveProject = menuItem("saveProject", "Save project", MaterialDesignC.CONTENT_SAVE_OUTLINE);
    final MenuItem saveAs = menuItem("saveAs", "Save project as…", MaterialDesignC.CONTENT_SAVE_EDIT_OUTLINE);
    final MenuItem saveModelAs = menuItem("saveModelAs", "Save model as…", MaterialDesignC.CONTENT_SAVE_MOVE_OUTLINE);
    final MenuItem auditItem = menuItem("auditItem", "Audit a proof bundle…", MaterialDesignS.SHIELD_SEARCH);
    final Button save = iconButton("save", MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save project (Ctrl S)");
    final Button zoomOut = iconButton("zoomOut", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (Ctrl −)");
    final Label zoomLabel = new Label("100%");
    final Button zoomIn = iconButton("zoomIn", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl +)");
    final Button fit = iconButton("fit", MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit to window (F); Ctrl 0 for 100%");
    final Button direction = iconButton("direction", MaterialDesignS.SWAP_HORIZONTAL, "Lay out left to right");
    final ToggleButton heatMap = new ToggleButton("Heat map", new FontIcon(MaterialDesignF.FIRE));
    final ComboBox<HeatMetric> heatMetric = new ComboBox<>();
    final ToggleButton design = new ToggleButton("Design", new FontIcon(MaterialDesignP.PENCIL_RULER));
    final Button undo = iconButton("undo", MaterialDesignU.UNDO, "Undo (Ctrl Z)");
    final Button redo = iconButton("redo", MaterialDesignR.REDO, "Redo (Ctrl Shift Z)");
    final Button retrain = new Button("Retrain…", new FontIcon(MaterialDesignS.SCHOOL_OUTLINE));
    final Button saveModel = iconButton("saveModel", MaterialDesignC.CONTENT_SAVE_MOVE_OUTLINE,
            "Save model as… (write the retrained model to a file of your choice)");
    final Button fontSmaller = iconButton("fontSmaller", MaterialDesignF.FORMAT_FONT_SIZE_DECREASE, "Smaller text");
    final Button fontLarger = iconButton("fontLarger", MaterialDesignF.FORMAT_FONT_SIZE_INCREASE, "Larger text (projectors)");
    final ToggleButton theme = new ToggleButton(null, new FontIcon(MaterialDesignW.WEATHER_NIGHT));
    final Button audit = iconButton("audit", MaterialDesignS.SHIELD_SEARCH,
            "Audit proof: verify a proof bundle and see what it proves");

    public WorkbenchToolbar() {
        getStyleClass().add("workbench-toolbar");
        saveProject.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        openModel.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        zoomLabel.setId("zoomLabel");
        zoomLabel.getStyleClass().add("zoom-label");
        heatMap.setId("heatMap");
        heatMap.setTooltip(new Tooltip("Colour nodes by cost or error"));
        heatMetric.setId("heatMetric");
        heatMetric.getItems().addAll(HeatMetric.values());
        heatMetric.getSelectionModel().selectFirst();
        heatMetric.disableProperty().bind(heatMap.selectedProperty().not().or(heatMap.disableProperty()));
        theme.setId("theme");
        theme.getStyleClass().add(Styles.BUTTON_ICON);
        theme.setTooltip(new Tooltip("Dark theme"));
        theme.graphicProperty().bind(Bindings.when(theme.selectedProperty())
                .then(new FontIcon(MaterialDesignW.WHITE_BALANCE_SUNNY))
                .otherwise(new FontIcon(MaterialDesignW.WEATHER_NIGHT)));

        design.setId("design");
        design.setTooltip(new Tooltip("Design mode: add, delete and resize layers, then retrain"));
        retrain.setId("retrain");
        retrain.setTooltip(new Tooltip("Train the edited network with Deeplearning4j"));
        // Undo and redo are the project's (spec, settings and design edits alike), so they stay visible.
        for (javafx.scene.Node n : new javafx.scene.Node[] {retrain, saveModel}) {
            n.visibleProperty().bind(design.selectedProperty());
            n.managedProperty().bind(design.selectedProperty());
        }

        // Whole or not at all: what does not fit goes into the toolbar's » menu instead of being cut short.
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {zoomLabel, heatMap, heatMetric, design,
                retrain}) {
            c.setMinWidth(USE_PREF_SIZE);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        // The file items are in the menu bar's File menu (MenuBarBuilder), which also frees the bar's width.
        getItems().addAll(home, save, undo, redo,
                new Separator(Orientation.VERTICAL), zoomOut, zoomLabel, zoomIn, fit, direction,
                new Separator(Orientation.VERTICAL), heatMap, heatMetric,
                new Separator(Orientation.VERTICAL), design, retrain, saveModel,
                grow, audit, fontSmaller, fontLarger, theme);
    }

    private static MenuItem menuItem(String id, String text, Ikon icon) {
        MenuItem m = new MenuItem(text, new FontIcon(icon));
        m.setId(id);
        m.setMnemonicParsing(false);
        return m;
    }

    private static Button iconButton(String id, Ikon icon, String tooltip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tooltip));
        b.setAccessibleText(tooltip);
        return b;
    }

    /** Graph controls make no sense on the start page. */
    void setGraphControlsEnabled(boolean enabled) {
        for (javafx.scene.Node n : new javafx.scene.Node[] {home, zoomOut, zoomIn, fit, direction, heatMap, save, design}) {
            n.setDisable(!enabled);
        }
        for (MenuItem m : new MenuItem[] {saveProject, saveAs, saveModelAs}) {
            m.setDisable(!enabled);
        }
        zoomLabel.setDisable(!enabled);
    }

    void showDirection(LayoutDirection current) {
        LayoutDirection next = current.flipped();
        direction.setGraphic(new FontIcon(next == LayoutDirection.LEFT_TO_RIGHT
                ? MaterialDesignS.SWAP_HORIZONTAL : MaterialDesignS.SWAP_VERTICAL));
        direction.getTooltip().setText("Lay out " + next.toString().toLowerCase(java.util.Locale.ROOT));
    }
}
