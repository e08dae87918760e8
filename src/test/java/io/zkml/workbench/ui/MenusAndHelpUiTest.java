package io.zkml.workbench.ui;

import io.zkml.workbench.project.RecentFiles;
import io.zkml.workbench.io.WorkbenchHome;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The menu bar, Help, Quit and Recent files on a real workbench window. */
@ExtendWith(ApplicationExtension.class)
class MenusAndHelpUiTest extends HeadlessFx {

    private MainWindow window;
    private Stage stage;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("zkml-home");
        window = WorkbenchFixture.show(stage, home);
        window.guard(stage);
    }

    @Stop
    void stop() {
        window.close();
    }

    @Test
    void f1OpensTheMlEngineerGuideRenderedInTheApp(FxRobot robot) {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        HelpWindow help = window.help();
        assertTrue(help.stage().isShowing(), "F1 opens Help");
        assertEquals(HelpWindow.Guide.ML_ENGINEER, help.shownTopic());
        VBox page = (VBox) help.page().getContent();
        TextFlow heading = (TextFlow) page.getChildren().get(0);
        assertTrue(heading.getStyleClass().contains("guide-h1"), heading.getStyleClass().toString());
        String title = heading.getChildren().stream().map(n -> ((Text) n).getText()).collect(Collectors.joining());
        assertTrue(title.startsWith("From a DL4J model to a proof"), title);
        assertTrue(robot.from(page).lookup(".guide-code-block").tryQuery().isPresent(), "code blocks are rendered");
        assertTrue(robot.from(page).lookup(".guide-table").tryQuery().isPresent(), "tables are rendered");

        robot.interact(help::showShortcuts);
        VBox shortcuts = (VBox) help.page().getContent();
        List<String> keys = robot.from(shortcuts).lookup(".shortcut-keys").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertTrue(keys.contains("F1"), keys.toString());
        assertTrue(keys.contains(MenuBarBuilder.QUIT.getDisplayText()), keys.toString());
        robot.interact(() -> help.stage().close());
    }

    @Test
    void everyToolbarActionHasAMenuEntry(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        List<String> ids = bar.getMenus().stream().flatMap(m -> m.getItems().stream()).map(MenuItem::getId)
                .filter(java.util.Objects::nonNull).toList();
        // One entry per toolbar button: home, save, zoom -/+, fit, direction, heat map, design, undo, redo,
        // retrain, save model, audit, text size -/+, theme.
        for (String id : List.of("menuHome", "saveProject", "menuZoomOut", "menuZoomIn", "menuFit", "menuFlip",
                "menuHeatMap", "menuDesign", "menuUndo", "menuRedo", "menuRetrain", "saveModelAs", "auditItem",
                "menuSmaller", "menuLarger", "menuDark", "menuCalibrate", "menuAutoTune", "menuDataset", "menuExport",
                "menuRun", "menuProveNow", "menuFind", "menuQuit", "menuGuide", "menuAbout", "menuShortcuts")) {
            assertTrue(ids.contains(id), id + " in " + ids);
        }
        assertEquals(List.of("File", "Edit", "View", "Model", "Help"),
                bar.getMenus().stream().map(Menu::getText).map(t -> t.replace("_", "")).toList());
    }

    @Test
    void quitAsksToSaveWhenDirtyAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        openEditedModel(robot);
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        cancelSavePrompt(robot, "Save changes before closing?");
        assertTrue(stage.isShowing(), "Cancel keeps the window open");
        assertTrue(window.dirtyProperty().get());
    }

    /** Opens a copy of iris-tiny and makes one edit, so the project has unsaved changes. */
    private void openEditedModel(FxRobot robot) throws Exception {
        Path model = Files.createDirectories(home.resolve("models")).resolve("iris-tiny.zip");
        Files.copy(WorkbenchFixture.sampleModel("iris-tiny"), model);
        robot.interact(() -> window.open(new ModelRequest.File(model)));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> window.loadedProperty().get() != null);
        robot.interact(() -> window.toolbar().direction.fire());
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> window.dirtyProperty().get());
    }

    /** Waits for the save prompt, checks its question and answers Cancel. */
    private static void cancelSavePrompt(FxRobot robot, String question) throws Exception {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals(question, pane.getHeaderText());
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void homeAsksToSaveWhenDirtyAndCancelKeepsTheEditor(FxRobot robot) throws Exception {
        openEditedModel(robot);
        javafx.scene.Node editor = window.getCenter();
        robot.interact(() -> window.toolbar().home.fire());
        cancelSavePrompt(robot, "Save changes before leaving?");
        assertEquals(editor, window.getCenter(), "Cancel keeps the editor");
        assertTrue(window.dirtyProperty().get());
    }

    @Test
    void aFileThatFailedToOpenIsNotAddedToRecentFiles(FxRobot robot) throws Exception {
        Path broken = Files.writeString(home.resolve("broken.zip"), "not a model");
        robot.interact(() -> window.open(new ModelRequest.File(broken)));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> window.statusBar().message().startsWith("Could not open"));
        robot.interact(() -> robot.listTargetWindows().stream().filter(w -> w != stage)
                .forEach(w -> ((Stage) w).close()));
        RecentFiles recent = new RecentFiles(new WorkbenchHome(home));
        assertTrue(recent.list().isEmpty(), "the failed file is not offered again: " + recent.list());

        Path model = home.resolve("iris-tiny.zip");
        Files.copy(WorkbenchFixture.sampleModel("iris-tiny"), model);
        robot.interact(() -> window.open(new ModelRequest.File(model)));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> window.loadedProperty().get() != null);
        assertEquals(List.of(model.toAbsolutePath().normalize()), recent.list().stream().map(RecentFiles.Entry::file).toList());

        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu recentMenu = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "recentMenu".equals(i.getId()))
                .findFirst().orElseThrow();
        robot.interact(() -> recentMenu.getOnShowing().handle(null));
        assertEquals(1, recentMenu.getItems().size());
        assertFalse(recentMenu.getItems().get(0).isDisable());
    }
}
