package io.zkml.workbench.ui;

import io.zkml.workbench.ui.code.CodeView;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.project.RecentFiles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's menu bar: every toolbar and dashboard action has an entry here, most with a
 * shortcut, so there is a keyboard path to every command (Alt or F10 opens the menus). The
 * toolbar's file items live in the File menu; the rest call the window's actions.
 */
final class MenuBarBuilder {

    /** What the menus do; the main window supplies each. */
    record Actions(Runnable showStart, Supplier<List<RecentFiles.Entry>> recent, Consumer<RecentFiles.Entry> openRecent,
                   Runnable exportProject, Runnable quit,
                   Runnable undo, Runnable redo, Runnable deleteSelected, Runnable find,
                   Runnable zoomIn, Runnable zoomOut, Runnable actualSize, Runnable fit, Runnable flipLayout,
                   BooleanProperty heatMap, Runnable larger, Runnable smaller, BooleanProperty dark,
                   Runnable inspectorTab, Runnable codeTab, Runnable proveTab,
                   Runnable calibrate, Runnable autoTune, Runnable chooseDataset,
                   ObjectProperty<ConsensusVersion> consensus, Menu programChain, BooleanProperty design,
                   Runnable retrain, Runnable runInSnarkVm, Runnable prove,
                   Runnable guide, Runnable auditorGuide, Runnable workshopGuide, Runnable shortcuts,
                   Runnable about) {
    }

    static final KeyCombination QUIT = shortcut(KeyCode.Q);
    static final KeyCombination HELP = new KeyCodeCombination(KeyCode.F1);

    private MenuBarBuilder() {
    }

    static MenuBar build(WorkbenchToolbar toolbar, Actions a) {
        Menu recent = new Menu("Open recent");
        recent.setId("recentMenu");
        recent.setOnShowing(e -> fillRecent(recent, a));
        // A menu without items never shows, so it needs one to fill itself on the first opening.
        recent.getItems().add(new MenuItem("(none)"));
        fillRecent(recent, a);
        MenuItem home = item("menuHome", "Start page", a.showStart(), new KeyCodeCombination(KeyCode.HOME,
                KeyCombination.ALT_DOWN));
        toolbar.openProject.setAccelerator(shortcut(KeyCode.O, KeyCombination.SHIFT_DOWN));
        toolbar.saveModelAs.setAccelerator(shortcut(KeyCode.M, KeyCombination.SHIFT_DOWN));
        Menu file = menu("menuFile", "_File", toolbar.openModel, toolbar.openProject, recent, new SeparatorMenuItem(),
                toolbar.saveProject, toolbar.saveAs, toolbar.saveModelAs, new SeparatorMenuItem(),
                item("menuExport", "Export Leo project…", a.exportProject(), shortcut(KeyCode.E)),
                toolbar.auditItem, new SeparatorMenuItem(), home, new SeparatorMenuItem(),
                item("menuQuit", "Quit", a.quit(), QUIT));

        Menu edit = menu("menuEdit", "_Edit",
                item("menuUndo", "Undo", a.undo(), shortcut(KeyCode.Z)),
                item("menuRedo", "Redo", a.redo(), shortcut(KeyCode.Z, KeyCombination.SHIFT_DOWN)),
                // Not an accelerator: Delete must keep working in text fields.
                item("menuDelete", "Delete selected layer (design mode)", a.deleteSelected(), null, "Delete"),
                new SeparatorMenuItem(),
                item("menuFind", "Find in code…", a.find(), CodeView.FIND));

        CheckMenuItem heat = check("menuHeatMap", "Heat map", a.heatMap(), shortcut(KeyCode.H, KeyCombination.SHIFT_DOWN));
        CheckMenuItem dark = check("menuDark", "Dark theme", a.dark(), null);
        Menu view = menu("menuView", "_View",
                item("menuZoomIn", "Zoom in", a.zoomIn(), null, "Ctrl +"),
                item("menuZoomOut", "Zoom out", a.zoomOut(), null, "Ctrl −"),
                item("menuActualSize", "Actual size (100%)", a.actualSize(), null, "Ctrl 0"),
                item("menuFit", "Fit graph to window", a.fit(), null, "F"),
                item("menuFlip", "Flip layout direction", a.flipLayout(), shortcut(KeyCode.L, KeyCombination.SHIFT_DOWN)),
                heat, new SeparatorMenuItem(),
                item("menuInspector", "Inspector tab", a.inspectorTab(), shortcut(KeyCode.DIGIT1)),
                item("menuCode", "Code tab", a.codeTab(), shortcut(KeyCode.DIGIT2)),
                item("menuProve", "Prove tab", a.proveTab(), shortcut(KeyCode.DIGIT3)),
                new SeparatorMenuItem(),
                // No shortcut: Ctrl +/− (with or without Shift) already zoom the graph.
                item("menuLarger", "Larger text", a.larger(), null),
                item("menuSmaller", "Smaller text", a.smaller(), null),
                dark);

        CheckMenuItem design = check("menuDesign", "Design mode", a.design(), shortcut(KeyCode.D, KeyCombination.SHIFT_DOWN));
        Menu model = menu("menuModel", "_Model",
                item("menuCalibrate", "Calibrate", a.calibrate(), shortcut(KeyCode.K, KeyCombination.SHIFT_DOWN)),
                item("menuAutoTune", "Auto-tune…", a.autoTune(), shortcut(KeyCode.T, KeyCombination.SHIFT_DOWN)),
                item("menuDataset", "Choose dataset…", a.chooseDataset(), null),
                consensusMenu(a.consensus()), a.programChain(),
                new SeparatorMenuItem(), design,
                item("menuRetrain", "Retrain…", a.retrain(), null),
                new SeparatorMenuItem(),
                item("menuRun", "Run in snarkVM", a.runInSnarkVm(), shortcut(KeyCode.R, KeyCombination.SHIFT_DOWN)),
                item("menuProveNow", "Prove", a.prove(), shortcut(KeyCode.P, KeyCombination.SHIFT_DOWN)));

        Menu help = menu("menuHelp", "_Help",
                item("menuGuide", "Guide: from a DL4J model to a proof", a.guide(), HELP),
                item("menuAuditorGuide", "Guide: auditing a proof bundle", a.auditorGuide(), null),
                item("menuWorkshopGuide", "Guide: a 60-minute workshop", a.workshopGuide(), null),
                new SeparatorMenuItem(),
                item("menuShortcuts", "Keyboard shortcuts", a.shortcuts(), shortcut(KeyCode.SLASH)),
                item("menuAbout", "About zkML Workbench", a.about(), null));

        MenuBar bar = new MenuBar(file, edit, view, model, help);
        bar.setId("menuBar");
        return bar;
    }

    /**
     * The snarkVM consensus version whose limits the program is checked against (as the CLI's
     * {@code --consensus}); a project setting, so choosing one is an undoable edit.
     */
    private static Menu consensusMenu(ObjectProperty<ConsensusVersion> consensus) {
        Menu m = new Menu("Consensus version");
        m.setId("menuConsensus");
        ToggleGroup group = new ToggleGroup();
        for (ConsensusVersion v : ConsensusVersion.values()) {
            RadioMenuItem i = new RadioMenuItem(v + (v == ConsensusVersion.LATEST ? " (latest)" : ""));
            i.setId("menuConsensus" + v);
            i.setToggleGroup(group);
            i.setUserData(v);
            i.setSelected(v == consensus.get());
            i.setOnAction(e -> consensus.set(v));
            m.getItems().add(i);
        }
        consensus.addListener((obs, o, v) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == v)));
        return m;
    }

    /**
     * Every menu entry with its keys, plus the keys that have no menu entry, for Help ▸ Keyboard
     * shortcuts: read from the menus themselves, so the list cannot drift from what the keys do.
     */
    static List<HelpWindow.Shortcut> shortcuts(MenuBar bar) {
        List<HelpWindow.Shortcut> out = new ArrayList<>();
        for (Menu m : bar.getMenus()) {
            collect(m, m.getText().replace("_", ""), out);
        }
        out.add(new HelpWindow.Shortcut("Graph: zoom", "Mouse wheel, touchpad pinch"));
        out.add(new HelpWindow.Shortcut("Find in code: next / previous match", "Enter / Shift Enter"));
        out.add(new HelpWindow.Shortcut("Close the find bar, dialogs and Help", "Escape"));
        out.add(new HelpWindow.Shortcut("Open the menus", "Alt or F10, then the arrow keys"));
        out.add(new HelpWindow.Shortcut("Move between controls", "Tab / Shift Tab"));
        return out;
    }

    private static void collect(Menu menu, String path, List<HelpWindow.Shortcut> out) {
        for (MenuItem i : menu.getItems()) {
            if (i instanceof Menu) {
                continue;
            }
            String keys = i.getAccelerator() != null ? i.getAccelerator().getDisplayText()
                    : i.getProperties().get(KEYS) instanceof String k ? k : null;
            if (keys != null && i.getText() != null) {
                String label = i.getProperties().get(LABEL) instanceof String l ? l : i.getText();
                out.add(new HelpWindow.Shortcut(path + " ▸ " + label, keys));
            }
        }
    }

    /** Keys handled outside the menu (the graph's own zoom keys), shown beside the entry and in the list. */
    private static final String KEYS = "zkml.keys";

    private static void fillRecent(Menu recent, Actions a) {
        List<RecentFiles.Entry> entries = a.recent().get();
        recent.getItems().clear();
        if (entries.isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        for (RecentFiles.Entry e : entries) {
            MenuItem i = new MenuItem(e.file().getFileName() + "  —  " + e.file().getParent());
            i.setMnemonicParsing(false);
            i.setUserData(e);
            i.setOnAction(ev -> a.openRecent().accept(e));
            recent.getItems().add(i);
        }
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu m = new Menu(text, null, items);
        m.setId(id);
        return m;
    }

    private static MenuItem item(String id, String text, Runnable action, KeyCombination keys) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setMnemonicParsing(false);
        i.setOnAction(e -> action.run());
        if (keys != null) {
            i.setAccelerator(keys);
        }
        return i;
    }

    private static MenuItem item(String id, String text, Runnable action, KeyCombination keys, String otherKeys) {
        // A MenuItem shows only accelerators; keys the graph handles itself go in the label.
        MenuItem i = item(id, text + "   (" + otherKeys + ")", action, keys);
        i.getProperties().put(KEYS, otherKeys);
        i.getProperties().put(LABEL, text);
        return i;
    }

    private static final String LABEL = "zkml.label";

    private static CheckMenuItem check(String id, String text, BooleanProperty state, KeyCombination keys) {
        CheckMenuItem c = new CheckMenuItem(text);
        c.setId(id);
        c.setMnemonicParsing(false);
        c.selectedProperty().bindBidirectional(state);
        if (keys != null) {
            c.setAccelerator(keys);
        }
        return c;
    }

    private static KeyCodeCombination shortcut(KeyCode code, KeyCombination.Modifier... more) {
        KeyCombination.Modifier[] mods = new KeyCombination.Modifier[more.length + 1];
        mods[0] = KeyCombination.SHORTCUT_DOWN;
        System.arraycopy(more, 0, mods, 1, more.length);
        return new KeyCodeCombination(code, mods);
    }
}
