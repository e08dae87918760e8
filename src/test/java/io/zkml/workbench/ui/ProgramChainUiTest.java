package io.zkml.workbench.ui;

import io.zkml.workbench.ui.dashboard.TransitionTable;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.ui.graph.NodeCard;

import io.zkml.workbench.ui.code.CodeView;
import io.zkml.workbench.ui.code.GeneratedCode;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.project.ProjectStore;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Program chains in the workbench (issue #13): the user sets a maximum SRS degree per transition
 * (Model ▸ Program chain) or cuts the program after a layer (the node's context menu); the setting is
 * an undoable project edit, saved with the project and compiled in, and the graph's badges, the legend,
 * the transitions table, the dashboard and the Code tab's program tabs all show the one compiled chain.
 */
@ExtendWith(ApplicationExtension.class)
class ProgramChainUiTest extends HeadlessFx {

    private WorkbenchFixture fx;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void aCutFromTheNodeMenuSplitsTheProgramEveryViewShowsTheChainAndUndoJoinsIt(FxRobot robot) {
        fx.openSample("iris-tiny");
        CompiledModel one = settledProgram();
        assertFalse(one.isChain());
        assertFalse(fx.window.transitionTable().isVisible(), "one program has no transitions table");
        assertFalse(fx.window.transitionLegend().isVisible());
        assertEquals("", badge("layer1"), "nor transition badges");

        contextMenuOn(robot, "layer0");
        robot.clickOn("Cut program after this layer");
        CompiledModel chain = waitForProgram(CompiledModel::isChain);
        assertEquals(List.of("layer0"), fx.window.currentProject().orElseThrow().export().partitioning().splitAfter(),
                "the cut is the project's");
        assertEquals(List.of("layer0"), chain.settings().partitioning().splitAfter(), "and compiled in");
        assertEquals(2, chain.segments().size());

        // The graph: each layer's transition, and the legend naming the programs.
        assertEquals("T1", badge("layer0"));
        assertEquals("T2", badge("layer1"));
        assertEquals(List.of("T1 iris_tiny.aleo (entry)", "T2 iris_tiny_s1.aleo"), fx.window.transitionLegend().entries());

        // The dashboard: a row per transition with the compiled segments' own figures, and their sum.
        List<TransitionTable.Row> rows = fx.window.transitionTable().rows();
        assertTrue(fx.window.transitionTable().isVisible());
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            CompiledSegment s = chain.segments().get(i);
            TransitionTable.Row r = rows.get(i);
            assertEquals(i + 1, r.transition());
            assertEquals(s.programId(), r.cost().programId());
            assertEquals(s.cost().total().constraints(), r.cost().constraints());
            assertEquals(s.srsDegreeLog2(), r.cost().srsDegreeLog2());
            assertEquals(s.instructions(), r.cost().instructions());
            assertEquals(s.characters(), r.cost().characters());
            assertEquals(s.srsDegreeLog2() <= 16, r.offline(), "fits the offline parameters");
        }
        assertEquals(List.of("input", "layer0"), rows.get(0).cost().layers());
        assertEquals(List.of("layer1"), rows.get(1).cost().layers());
        long total = rows.stream().mapToLong(r -> r.cost().constraints()).sum();
        assertEquals(chain.totalConstraints(), total);
        long bound = chain.segments().stream().map(s -> io.zkml.workbench.export.CostReport.errorBound(s.cost()))
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum();
        // Exact (no bound) once snarkVM confirmed every shape in it, as it has iris-tiny's cut after layer0.
        assertEquals(bound == 0 ? null : (Long) bound, chain.totalErrorBound(),
                "the chain's bound is its transitions' bounds added up");
        assertEquals(Format.count(total) + (bound == 0 ? "" : " ± " + Format.count(bound)),
                fx.window.dashboard().text("constraintsTotal"), "the Constraints tile counts every transition");
        assertTrue(fx.window.transitionTable().summary().startsWith("Program chain: 2 transitions"),
                fx.window.transitionTable().summary());

        assertTrue(robot.lookup("#provingProgram").queryLabeled().getText().endsWith("· 2 transitions"),
                "the Prove tab proves the chain: " + robot.lookup("#provingProgram").queryLabeled().getText());

        // The Code tab: one tab per program, each showing that program's own Aleo and Leo text.
        robot.interact(() -> fx.window.programs().showCode());
        CodeView code = fx.window.programs().code();
        assertTrue(code.programTabsShown());
        assertEquals(List.of("T1 iris_tiny.aleo", "T2 iris_tiny_s1.aleo"), code.programTabTitles());
        robot.clickOn("T2 iris_tiny_s1.aleo");
        robot.interact(() -> code.selectTab(true));
        fx.waitFor("the second program's Aleo text", 30, code::isUpToDate);
        assertEquals(chain.segments().get(1).aleoText(), code.text(true));
        robot.interact(() -> code.selectTab(false));
        fx.waitFor("the second program's Leo text", 30, code::isUpToDate);
        assertEquals(chain.segments().get(1).leoText(), code.text(false));
        robot.clickOn("T1 iris_tiny.aleo");
        fx.waitFor("the entry's Leo text", 30, code::isUpToDate);
        assertEquals(chain.segments().get(0).leoText(), code.text(false));

        // Undo joins the programs again, everywhere.
        assertTrue(fx.window.dirtyProperty().get());
        assertEquals("Undo Cut program after layer0", menu(robot, "menuUndo").getText());
        robot.interact(() -> menu(robot, "menuUndo").fire());
        CompiledModel joined = waitForProgram(m -> !m.isChain());
        assertEquals(Partitioning.NONE, joined.settings().partitioning());
        assertEquals(one.aleoText(), joined.aleoText(), "the very program it was");
        assertFalse(fx.window.transitionTable().isVisible());
        assertFalse(fx.window.transitionLegend().isVisible());
        assertFalse(code.programTabsShown());
        assertEquals("", badge("layer1"));
        assertFalse(fx.window.dirtyProperty().get(), "back at the opened state");

        // Redo, then take the cut back from the node's menu.
        robot.interact(() -> menu(robot, "menuRedo").fire());
        waitForProgram(CompiledModel::isChain);
        contextMenuOn(robot, "layer0");
        robot.clickOn("Remove cut here");
        waitForProgram(m -> !m.isChain());
        assertEquals(List.of(), fx.window.currentProject().orElseThrow().export().partitioning().splitAfter());
    }

    @Test
    void theOutputLayerOffersNoCutAndSaysWhy(FxRobot robot) throws Exception {
        fx.openSample("iris-tiny");
        settledProgram();
        MenuItem cut = WaitForAsyncUtils.asyncFx(() -> fx.window.chain().contextMenu("layer1").getItems().get(0)).get();
        assertTrue(cut.isDisable());
        assertEquals("Cut program after this layer (the last layer ends the chain)", cut.getText());
        MenuItem allowed = WaitForAsyncUtils.asyncFx(() -> fx.window.chain().contextMenu("layer0").getItems().get(0)).get();
        assertFalse(allowed.isDisable());
    }

    @Test
    void theMaximumSrsIsChosenFromTheModelMenuSavedReopenedAndUndone(FxRobot robot) throws Exception {
        Path model = copy("iris-tiny");
        robot.interact(() -> fx.window.open(new ModelRequest.File(model)));
        fx.waitFor("iris-tiny to be evaluated", 60, () -> fx.window.evaluatedProperty().get() != null);
        settledProgram();
        RadioMenuItem none = maxSrsItem(robot, "menuMaxSrsNone");
        assertTrue(none.isSelected(), "the default is one program");
        assertEquals("2^16 — proves offline, low memory", maxSrsItem(robot, "menuMaxSrs16").getText());

        robot.interact(() -> maxSrsItem(robot, "menuMaxSrs16").fire());
        // iris-tiny fits 2^16 as one program, so the cap leaves it one program: the partitioner adds no cut.
        CompiledModel capped = waitForProgram(m -> Integer.valueOf(16).equals(m.settings().partitioning().maxSrsLog2()));
        assertFalse(capped.isChain());
        assertTrue(capped.srsDegreeLog2() <= 16);
        assertEquals("Undo Maximum SRS per transition: 2^16 — proves offline, low memory", menu(robot, "menuUndo").getText());

        // A cut on top of the cap: both are saved, and come back with the project.
        robot.interact(() -> fx.window.chain().cutAfter("layer0"));
        waitForProgram(CompiledModel::isChain);
        Path file = dir.resolve("chain" + ProjectStore.EXTENSION);
        assertTrue(LiveWorkbenchUiTest.saved(robot, () -> fx.window.saveAs(file)));
        assertTrue(Files.readString(file).contains("\"maxSrsLog2\" : 16"), Files.readString(file));

        robot.interact(() -> {
            fx.window.showStart();
            fx.window.openProject(file);
        });
        fx.waitFor("the project to open", 60, () -> file.equals(fx.window.projectFileProperty().get())
                && fx.window.evaluatedProperty().get() != null);
        CompiledModel reopened = waitForProgram(CompiledModel::isChain);
        assertEquals(new Partitioning(16, List.of("layer0")), reopened.settings().partitioning());
        assertTrue(maxSrsItem(robot, "menuMaxSrs16").isSelected(), "the menu shows the saved setting");
        assertFalse(fx.window.dirtyProperty().get());
        assertEquals("T2", badge("layer1"));

        robot.interact(() -> maxSrsItem(robot, "menuMaxSrsNone").fire());
        waitForProgram(m -> m.settings().partitioning().maxSrsLog2() == null);
        robot.interact(() -> menu(robot, "menuUndo").fire());
        waitForProgram(m -> Integer.valueOf(16).equals(m.settings().partitioning().maxSrsLog2()));
        assertTrue(maxSrsItem(robot, "menuMaxSrs16").isSelected(), "the menu follows the undo");
    }

    @Test
    void aCapNoCutCanMeetIsRefusedWithTheCompilersReason(FxRobot robot) {
        fx.openSample("breast-cancer-mlp");
        settledProgram();
        robot.interact(() -> fx.window.chain().setMaxSrs(16));
        fx.waitFor("the refusal", 60, () -> !fx.window.programs().generatingProperty().get()
                && fx.window.programs().generatedProperty().get() == null);
        String why = robot.lookup("#codeMessage").queryLabeled().getText();
        assertTrue(why.contains("cannot be split into transitions of at most SRS 2^16") && why.contains("layer0"), why);
        assertFalse(fx.window.transitionTable().isVisible());
        robot.interact(() -> fx.window.undo());
        CompiledModel back = waitForProgram(m -> true);
        assertNull(back.settings().partitioning().maxSrsLog2(), "undo takes the cap back and the program returns");
    }

    private CompiledModel settledProgram() {
        return waitForProgram(m -> true);
    }

    /** The compiled program once it satisfies {@code ready} and the window has finished with it. */
    private CompiledModel waitForProgram(java.util.function.Predicate<CompiledModel> ready) {
        fx.waitFor("the program", 90, () -> {
            GeneratedCode g = fx.window.programs().generatedProperty().get();
            return g != null && ready.test(g.compiled()) && !fx.window.programs().generatingProperty().get()
                    && !fx.window.evaluatingProperty().get();
        });
        return fx.window.programs().generatedProperty().get().compiled();
    }

    /**
     * What a right click on the node asks for. Monocle's mouse never sends the platform's context-menu
     * request (only real windowing systems do), so the test sends the event a right click makes.
     */
    private void contextMenuOn(FxRobot robot, String node) {
        NodeCard card = fx.window.graphView().cards().get(node);
        robot.interact(() -> {
            javafx.geometry.Bounds b = card.localToScene(card.getLayoutBounds());
            javafx.geometry.Point2D screen = card.localToScreen(card.getWidth() / 2, card.getHeight() / 2);
            javafx.event.Event.fireEvent(card, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getCenterX(), b.getCenterY(),
                    screen.getX(), screen.getY(), false,
                    new javafx.scene.input.PickResult(card, b.getCenterX(), b.getCenterY())));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String badge(String node) {
        return fx.window.graphView().cards().get(node).transitionBadgeText();
    }

    private Path copy(String sample) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("sample-models/data/" + sample + "-test.csv"), dir.resolve("data/" + sample + "-test.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        return Files.copy(Path.of("sample-models/" + sample + ".zip"), dir.resolve(sample + ".zip"));
    }

    private static RadioMenuItem maxSrsItem(FxRobot robot, String id) {
        return (RadioMenuItem) all(robot).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private static MenuItem menu(FxRobot robot, String id) {
        return all(robot).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    /** Every menu item, submenus' included. */
    private static Stream<MenuItem> all(FxRobot robot) {
        return robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().stream().flatMap(ProgramChainUiTest::flatten);
    }

    private static Stream<MenuItem> flatten(MenuItem i) {
        return i instanceof Menu m ? Stream.concat(Stream.of(m), m.getItems().stream().flatMap(ProgramChainUiTest::flatten))
                : Stream.of(i);
    }
}
