package io.zkml.workbench.ui;

import io.zkml.workbench.ui.dashboard.Dashboard;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToolBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At the smallest supported window (1024×768) with the default text and with the largest A+ step,
 * every toolbar and dashboard control is on screen and unclipped: the toolbar moves what does not
 * fit into its » menu, and the dashboard's tiles wrap instead of running off the window's edge
 * (with the largest text the per-layer chart gives way to them, and comes back when there is room).
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowLayoutUiTest extends HeadlessFx {

    private WorkbenchFixture fx;

    @Stop
    void stop() {
        if (fx != null) {
            fx.window.close();
        }
    }

    /**
     * Each window is checked twice: as one program, then capped at 2^18 so that the same window shows a
     * chain (the legend, the transitions table and the Code tab's program tabs). One window and one
     * digits-cnn compile per text size serve both checks, which took a window each before (issue #15).
     */
    @Test
    void everyControlFitsAt1024x768AsOneProgramAndAsAChain(FxRobot robot) throws Exception {
        check(robot, Appearance.DEFAULT_FONT);
    }

    @Test
    void everyControlFitsAt1024x768WithTheLargestTextAsOneProgramAndAsAChain(FxRobot robot) throws Exception {
        check(robot, Appearance.MAX_FONT);
    }

    private void check(FxRobot robot, double font) throws Exception {
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            fx = WorkbenchFixture.sized(s, 1024, 768, font);
            return s;
        }).get();
        fx.openSample("digits-cnn");
        fx.waitFor("the program", 60, () -> fx.window.programs().generatedProperty().get() != null
                && !fx.window.programs().generatingProperty().get());
        robot.interact(() -> fx.window.graphView().selection().select("conv"));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> problems(stage)).get();
        assertTrue(problems.isEmpty(), "at 1024×768, " + font + " px, one program:\n  " + String.join("\n  ", problems));
        if (font == Appearance.DEFAULT_FONT) {
            assertTrue(fx.window.dashboard().chartShown(), "with the default text the cost chart has room");
        }

        // Design mode: the palette beside the graph scrolls rather than cutting its wrapped texts, and the
        // inspector's quantization controls (conv has weights, so its arithmetic domain too) show whole values.
        robot.interact(() -> fx.window.toolbar().design.setSelected(true));
        robot.interact(() -> fx.window.graphView().selection().select("conv"));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> design = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (String id : List.of("#designPalette", "#quantizationSection")) {
                Node root = stage.getScene().lookup(id);
                if (root == null) {
                    out.add(id + " is not shown in design mode");
                } else {
                    cutTexts(root, out);
                }
            }
            if (stage.getScene().lookup("#domain") == null) {
                out.add("conv's arithmetic domain control is not shown");
            }
            return out;
        }).get();
        robot.interact(() -> fx.window.toolbar().design.setSelected(false));
        // The Prove tab's texts wrap in its narrow columns rather than being cut (it scrolls).
        robot.interact(() -> fx.window.programs().showProving());
        WaitForAsyncUtils.waitForFxEvents();
        design.addAll(WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            Node prove = stage.getScene().lookup(".proving-content");
            if (prove == null) {
                out.add("the Prove tab is not shown");
            } else {
                cutTexts(prove, out);
            }
            return out;
        }).get());
        robot.interact(() -> fx.window.programs().tabs().getSelectionModel().select(0));
        assertTrue(design.isEmpty(), "at 1024×768, " + font + " px, design mode and the Prove tab:\n  " + String.join("\n  ", design));

        // digits-cnn needs 2^18 as one program; capped there it becomes two transitions.
        robot.interact(() -> fx.window.chain().setMaxSrs(18));
        fx.waitFor("the chain", 90, () -> fx.window.programs().generatedProperty().get() != null
                && fx.window.programs().generatedProperty().get().compiled().isChain()
                && !fx.window.programs().generatingProperty().get());
        robot.interact(() -> fx.window.programs().showCode());
        robot.interact(() -> fx.window.graphView().selection().select("conv"));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> chained = WaitForAsyncUtils.asyncFx(() -> problems(stage)).get();
        chained.addAll(WaitForAsyncUtils.asyncFx(() -> chainProblems(stage)).get());
        // A small model's short tiles once left the chart its labels' width and bars of 2 px (iris-mlp, A+ max).
        fx.openSample("iris-mlp");
        fx.waitFor("iris-mlp's program", 60, () -> fx.window.programs().generatedProperty().get() != null
                && !fx.window.programs().generatingProperty().get()
                && fx.window.programs().generatedProperty().get().compiled().programId().startsWith("iris"));
        WaitForAsyncUtils.waitForFxEvents();
        chained.addAll(WaitForAsyncUtils.asyncFx(() -> problems(stage)).get());
        if (font == Appearance.DEFAULT_FONT) {
            // A+ in the open window, step by step to the largest: the Prove tab lays itself out again.
            robot.interact(() -> fx.window.programs().showProving());
            for (double f = font; f < Appearance.MAX_FONT; f += 2) {
                robot.interact(() -> fx.window.toolbar().fontLarger.fire());
            }
            WaitForAsyncUtils.waitForFxEvents();
            chained.addAll(WaitForAsyncUtils.asyncFx(() -> {
                List<String> out = new ArrayList<>();
                cutTexts(stage.getScene().lookup(".proving-content"), out);
                out.replaceAll(p -> "after A+ to the largest text, the Prove tab: " + p);
                return out;
            }).get());
        }
        robot.interact(stage::close);
        assertTrue(chained.isEmpty(), "at 1024×768, " + font + " px, a chain, then iris-mlp:\n  " + String.join("\n  ", chained));
    }

    private List<String> problems(Stage stage) {
        Bounds window = new BoundingBox(0, 0, stage.getScene().getWidth(), stage.getScene().getHeight());
        List<String> out = new ArrayList<>();
        WorkbenchToolbar toolbar = fx.window.toolbar();
        boolean overflowed = false;
        for (Node item : toolbar.getItems()) {
            if (!item.isVisible() || !item.isManaged()) {
                continue; // design-mode buttons outside design mode
            }
            if (!isShowing(item, toolbar)) {
                overflowed = true; // in the » menu
                continue;
            }
            check(item, window, out);
        }
        if (overflowed) {
            Node more = toolbar.lookup(".tool-bar-overflow-button");
            if (more == null || !more.isVisible()) {
                out.add("items overflow the toolbar but its » menu is not shown");
            } else {
                check(more, window, out);
            }
        }
        Dashboard d = fx.window.dashboard();
        for (String id : List.of("floatMetric", "quantMetric", "agreement", "overflowStatus", "constraintsTotal",
                "srsDegree", "provingEstimate", "aleoLimits", "calibrate", "autoTune", "chooseDataset", "costChart")) {
            Node n = d.lookup("#" + id);
            if (n == null) {
                out.add(id + " is missing");
                continue;
            }
            if (id.equals("costChart") && !d.chartShown()) {
                continue; // the one part that gives way when even two columns of tiles leave it no room
            }
            check(n, window, out);
            for (Node label : n.lookupAll(".label")) {
                check(label, window, out);
            }
            if (n instanceof Labeled l) {
                check(l, window, out);
            }
        }
        if (d.chartShown()) {
            out.addAll(d.invisibleBars()); // every part of the cost, the function's overhead first, has a bar to see
            d.overlappingTicks().forEach(t -> out.add("the cost chart's scale labels overlap: " + t));
        }
        check(fx.window.programs().tabs(), window, out);
        check(fx.window.statusBar(), window, out);
        // The status message may be cut (it is the one part that gives way), but never lost: its tooltip is whole.
        if (fx.window.statusBar().lookup(".status-message") instanceof Labeled m && (m.getTooltip() == null
                || !m.getText().equals(m.getTooltip().getText()))) {
            out.add("the status message \"" + m.getText() + "\" has no tooltip with all of it");
        }
        return out;
    }

    /**
     * The chain's own parts, rows shown: on screen and unclipped. The transitions table may be wider than
     * the window (it scrolls sideways, as tables do), so only the headers and cells it shows whole count.
     */
    private List<String> chainProblems(Stage stage) {
        fx.window.transitionTable().setExpanded(true);
        fx.window.transitionTable().applyCss();
        fx.window.transitionTable().layout();
        Bounds window = new BoundingBox(0, 0, stage.getScene().getWidth(), stage.getScene().getHeight());
        List<String> out = new ArrayList<>();
        Node table = fx.window.transitionTable().lookup("#transitionRows");
        Bounds viewport = table.localToScene(table.getLayoutBounds());
        for (Node n : List.of(fx.window.transitionTable(), fx.window.transitionLegend(),
                fx.window.programs().code().lookup("#programTabs"))) {
            if (!n.isVisible()) {
                out.add("#" + n.getId() + " is not shown for a chain");
            }
            check(n, window, out);
            for (Node label : n.lookupAll(".label")) {
                Bounds b = label.localToScene(label.getLayoutBounds());
                boolean inTable = n == fx.window.transitionTable() && b.getMinY() >= viewport.getMinY();
                if (treeVisible(label) && (!inTable || viewport.contains(b))) {
                    check(label, window, out);
                }
            }
        }
        return out;
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isShowing(Node item, ToolBar bar) {
        for (Node n = item; n != null; n = n.getParent()) {
            if (n == bar) {
                return true;
            }
        }
        return false;
    }

    /** On screen, within the window, and a label's text is shown whole (no "…"). */
    private static void check(Node n, Bounds window, List<String> out) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        String name = n.getId() != null ? "#" + n.getId() : n.getClass().getSimpleName()
                + (n instanceof Labeled l ? " \"" + l.getText() + "\"" : "");
        if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > window.getMaxX() + 0.5
                || b.getMaxY() > window.getMaxY() + 0.5) {
            out.add(name + " lies outside the window: " + bounds(b));
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node text = l.lookup(".text");
            if (text instanceof Text t && !t.getText().equals(l.getText())) {
                out.add(name + " is cut to \"" + t.getText() + "\"");
            }
        }
    }

    /** Every label under {@code root} whose text is shown cut ("…"), wherever it is scrolled to. */
    private static void cutTexts(Node root, List<String> out) {
        String shown = root instanceof Labeled l ? ShownText.of(l) : null;
        if (root instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && shown != null
                && !shown.equals(l.getText())) {
            out.add((l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()) + " \"" + l.getText()
                    + "\" is cut to \"" + shown + "\"");
        }
        if (root instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                cutTexts(child, out);
            }
        }
    }

    private static String bounds(Bounds b) {
        return String.format(java.util.Locale.US, "x %.0f..%.0f, y %.0f..%.0f", b.getMinX(), b.getMaxX(), b.getMinY(),
                b.getMaxY());
    }

}
