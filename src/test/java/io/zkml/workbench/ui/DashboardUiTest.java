package io.zkml.workbench.ui;

import io.zkml.workbench.ui.dashboard.Dashboard;
import io.zkml.workbench.ui.graph.GraphView;
import io.zkml.workbench.ui.graph.NodeCard;

import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.ProvingEstimate;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.quant.CollapseCheck;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's cost tiles (proving estimate, Aleo limits) and Auto-tune, on the real window and samples. */
@ExtendWith(ApplicationExtension.class)
class DashboardUiTest extends HeadlessFx {

    private static final Set<String> EVERY_LIMIT = Set.of("MAX_INPUTS", "MAX_OUTPUTS", "MAX_ARRAY_ELEMENTS",
            "MAX_INSTRUCTIONS", "MAX_PROGRAM_SIZE", "MAX_DEPLOYMENT_CONSTRAINTS", "MAX_DEPLOYMENT_VARIABLES",
            "offline SRS degree 2^16");

    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    private Dashboard dashboard() {
        return fx.window.dashboard();
    }

    /** Opens a sample and waits until its program (and so the limits) has been generated. */
    private void open(String id) {
        open(id, 60);
    }

    private void open(String id, int seconds) {
        fx.openSample(id);
        // The program compiles beside the evaluation, so either may land first.
        fx.waitFor(id + "'s program", seconds, () -> fx.window.programs().generatedProperty().get() != null
                && !dashboard().text("aleoLimits").equals(Format.NO_DATA)
                && fx.window.evaluatedProperty().get() != null
                && fx.window.evaluatedProperty().get().cost().isPresent());
    }

    /** Tasks may only be asked about their state on the FX thread. */
    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int srsDegree() {
        return fx.window.evaluatedProperty().get().cost().orElseThrow().srsDegreeLog2();
    }

    @Test
    void theInputNodesBadgeCarriesWhatReceivingTheInputsCosts(FxRobot robot) {
        open("digits-cnn");
        EvaluationSnapshot s = onFx(() -> fx.window.evaluatedProperty().get());
        io.zkml.workbench.ui.dashboard.ProgramCost cost = s.cost().orElseThrow();
        io.zkml.workbench.graph.ModelGraph g = fx.window.loadedProperty().get().graph();
        io.zkml.workbench.graph.Node input = g.nodes().stream()
                .filter(n -> n.op() instanceof io.zkml.workbench.graph.LayerOp.Input).findFirst().orElseThrow();
        assertTrue(cost.inputs() > 0, "digits-cnn's 64 inputs cost more than the overhead's reference input");
        assertEquals(java.util.OptionalLong.of(cost.inputs()), s.metrics(g, input).orElseThrow().constraints());
        assertEquals(cost.inputs(), onFx(() -> dashboard().chartBars()).get(Dashboard.INPUTS_BAR),
                "the badge and the chart's inputs bar are one figure");
    }

    @Test
    void digitsCnnLabelsEveryBarOfItsCostChart(FxRobot robot) {
        open("digits-cnn");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        // JavaFX hid the second and second-last labels ("conv", "output") when a bar's slot was not
        // taller than its label plus the tick-label gap.
        // Its 64 inputs cost more than the overhead's reference input: a bar of their own.
        assertEquals(List.of("function overhead", "inputs", "conv", "pool", "output", "outputs"),
                List.copyOf(onFx(() -> dashboard().chartBars()).keySet()));
        assertEquals(List.of(), onFx(() -> dashboard().unlabelledBars()), "every bar has its label");
        // Auto-ranged, the value axis drew "10k12.5k15k" into each other at 1440x900 (this window is
        // 1280x800, where auto-ranging happened to fit; SmallWindowLayoutUiTest checks the other sizes).
        assertEquals(List.of(), onFx(() -> dashboard().overlappingTicks()), "the scale's labels stand apart");
    }

    @Test
    void aCollapsedSpecShowsAnAmberClippingTileAndABannerThatCalibrates(FxRobot robot) {
        open("iris-tiny");
        assertEquals("None", dashboard().text("overflowStatus"));
        assertTrue(dashboard().tileIs("overflowStatus", "tile-good"));
        assertFalse(fx.window.banner().isVisible());

        // layer0 keeps its 16 bits but its range shrinks to ±2^-4: almost every value clips, none overflows.
        QuantSpec calibrated = fx.window.spec();
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec narrow = calibrated.withLayer("layer0", q.withActivationFracBits(q.activationBits() + 3));
        robot.interact(() -> fx.window.editSpec(narrow));
        fx.waitFor("the narrow spec's evaluation", 60, () -> narrow.equals(fx.window.evaluatedProperty().get().spec()));
        CollapseWarning w = CollapseCheck.check(fx.window.evaluatedProperty().get().evaluation()).orElseThrow();
        assertEquals("Clipping", dashboard().caption("overflowStatus"));
        assertEquals(CollapseCheck.percent(w.clippedShare()) + " in layer0", dashboard().text("overflowStatus"));
        assertTrue(dashboard().tileIs("overflowStatus", "tile-warn"));
        assertFalse(dashboard().tileIs("overflowStatus", "tile-good"));
        assertTrue(fx.window.banner().isVisible());
        assertTrue(fx.window.banner().titleText().startsWith("Collapse: "), fx.window.banner().titleText());
        assertTrue(fx.window.banner().titleText().contains("layer0"), fx.window.banner().titleText());
        assertEquals(List.of(w.message()), fx.window.banner().lineTexts());
        assertTrue(fx.window.banner().calibrate.isVisible());

        // The banner's Calibrate restores the calibrated default: no banner, "None" in green.
        robot.interact(() -> fx.window.banner().calibrate.fire());
        fx.waitFor("the calibrated spec's evaluation", 60, () -> calibrated.equals(fx.window.evaluatedProperty().get().spec()));
        assertFalse(fx.window.banner().isVisible());
        assertEquals("Overflow", dashboard().caption("overflowStatus"));
        assertEquals("None", dashboard().text("overflowStatus"));
        assertTrue(dashboard().tileIs("overflowStatus", "tile-good"));
    }

    @Test
    void theFloatFiguresNameTheReferenceTheyAreMeasuredWith() {
        open("iris-onnx");
        assertTrue(dashboard().tooltip("floatMetric").contains("ONNX Runtime"), dashboard().tooltip("floatMetric"));
        assertTrue(dashboard().tooltip("agreement").contains("ONNX Runtime"), dashboard().tooltip("agreement"));
        open("iris-tiny");
        fx.waitFor("iris-tiny's float figures", 60, () -> dashboard().tooltip("floatMetric").contains("Deeplearning4j"));
    }

    @Test
    void irisTinyShowsItsProvingEstimateAndPassesEveryLimit(FxRobot robot) {
        open("iris-tiny");
        assertEquals(16, srsDegree());
        assertEquals(Dashboard.estimateText(ProvingEstimate.of(16)), dashboard().text("provingEstimate"));
        // 21.6 s of key synthesis and 14.1 s of proof, 600 MB peak, measured at SRS 2^16 (export.ProvingEstimate).
        assertEquals("≈ 36 s · 0.6 GB", dashboard().text("provingEstimate"));

        List<CostReport.LimitRow> rows = dashboard().limitRows();
        assertEquals(EVERY_LIMIT, rows.stream().map(CostReport.LimitRow::limit).collect(Collectors.toSet()));
        assertTrue(rows.stream().allMatch(CostReport.LimitRow::passed), rows.toString());
        // The offline SRS check says whether this machine's parameter files suffice; it is not one of Aleo's limits.
        assertEquals("All " + rows.stream().filter(CostReport.LimitRow::blocking).count() + " pass", dashboard().text("aleoLimits"));
        assertEquals(CostReport.rows(fx.window.programs().generatedProperty().get().compiled()), rows,
                "the rows are what zkml cost lists for the same program");

        robot.clickOn("#aleoLimits");
        fx.waitFor("the limits popover", 10, () -> dashboard().limitsPopOver().map(p -> p.isShowing()).orElse(false));
        TableView<?> table = robot.lookup("#limitsTable").queryAs(TableView.class);
        assertTrue(table.isVisible());
        assertEquals(rows.size(), table.getItems().size(), "every limit is listed, not only failures");
        robot.interact(() -> dashboard().limitsPopOver().get().hide());
    }

    @Test
    void digitsCnnNeedsMoreThanTheOfflineSrsAndSaysSo() {
        open("digits-cnn");
        int srs = srsDegree();
        assertTrue(srs > 16, "digits-cnn needs more than the offline 2^16 parameters: 2^" + srs);
        assertEquals(Dashboard.estimateText(ProvingEstimate.of(srs)), dashboard().text("provingEstimate"));
        assertNotEquals(Dashboard.estimateText(ProvingEstimate.of(16)), dashboard().text("provingEstimate"),
                "larger than a 2^16 proof");

        List<CostReport.LimitRow> rows = dashboard().limitRows();
        // Its 9,070 instructions print as closures (their count is a limit of its own).
        Set<String> every = new java.util.HashSet<>(EVERY_LIMIT);
        every.add("MAX_CLOSURES");
        assertEquals(every, rows.stream().map(CostReport.LimitRow::limit).collect(Collectors.toSet()));
        List<CostReport.LimitRow> failed = rows.stream().filter(r -> !r.passed()).toList();
        assertEquals(1, failed.size(), rows.toString());
        CostReport.LimitRow offline = failed.get(0);
        assertEquals("offline SRS degree 2^16", offline.limit());
        assertEquals(1L << 16, offline.allowed());
        assertTrue(offline.actual() > offline.allowed(), "needs SRS 2^" + srs + ": " + offline.actual());
        assertFalse(offline.blocking(), "downloading the SRS files is enough");
        // Every Aleo limit holds: the tile says so, in amber, and its tooltip names the offline SRS.
        assertEquals("All " + (rows.size() - 1) + " pass", dashboard().text("aleoLimits"));
        assertTrue(fx.window.lookup("#aleoLimits").getStyleClass().contains("tile-warn"));
    }

    @Test
    void nodeCostBadgesAreMarkedAsUpdatingWhileANewerProgramCompiles(FxRobot robot) {
        open("iris-tiny");
        GraphView graph = fx.window.graphView();
        assertTrue(graph.cards().values().stream().noneMatch(NodeCard::costUpdating));
        // Each time the mark changes, whether every card's cost badge carries it.
        List<Boolean> markedOnEveryCard = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> graph.costUpdatingProperty().addListener((obs, was, on) -> markedOnEveryCard.add(
                on && graph.cards().values().stream().allMatch(c -> c.costUpdating() && dimmed(c)))));

        // Tooltips are made once and retitled: a new one per update cost the FX thread an install per card (issue #14).
        javafx.scene.control.Tooltip badgeTip = ((javafx.scene.control.Label) graph.cards().get("layer0")
                .lookup(".badge-constraints")).getTooltip();
        javafx.scene.control.Tooltip tileTip = dashboard().tileTooltip("constraintsTotal");
        assertNotNull(badgeTip);
        assertNotNull(tileTip);
        String tileTextBefore = tileTip.getText();

        QuantSpec calibrated = fx.window.spec();
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec narrow = calibrated.withLayer("layer0", q.withActivationFracBits(q.activationFracBits() - 4));
        // The compile held back past the marks' grace period (ShownAfter): iris-tiny's would often end before it.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> assertTrue(fx.window.programs().runOnCompileThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        robot.interact(() -> fx.window.editSpec(narrow));
        fx.waitFor("the marks of a compile that takes a while", 10, () -> dashboard().costUpdating()
                && graph.cards().values().stream().allMatch(NodeCard::costUpdating));
        assertTrue(fx.window.programs().generatingProperty().get(), "the compile is still held back");
        robot.interact(() -> assertTrue(dimmedNode("#constraintsTotalValue"), "the Constraints tile is dimmed too"));
        release.countDown();
        fx.waitFor("the narrow spec's program", 60, () -> narrow.equals(fx.window.evaluatedProperty().get().spec())
                && !fx.window.evaluatingProperty().get()
                && narrow.equals(fx.window.programs().generatedProperty().get().spec())
                && !fx.window.programs().generatingProperty().get());
        assertTrue(markedOnEveryCard.contains(true), "while the program compiled, every cost badge was marked: "
                + markedOnEveryCard);
        assertTrue(graph.cards().values().stream().noneMatch(NodeCard::costUpdating), "the mark goes with the new program");
        assertTrue(graph.cards().values().stream().noneMatch(DashboardUiTest::dimmed), "and the dimming with it");
        robot.interact(() -> assertFalse(dimmedNode("#constraintsTotalValue"), "on the tile as well"));
        fx.waitFor("the badges to show the new program", 10, () -> fx.window.evaluatedProperty().get().cost()
                .map(c -> narrow.equals(fx.window.programs().generatedProperty().get().spec())).orElse(false));
        long layer0 = graph.metricsFor(graph.graph().orElseThrow().node("layer0")).orElseThrow().constraints().getAsLong();
        assertEquals(Format.compact(layer0), graph.cards().get("layer0").constraintsBadgeText(),
                "the badge shows the new program's cost");
        assertSame(badgeTip, ((javafx.scene.control.Label) graph.cards().get("layer0").lookup(".badge-constraints"))
                .getTooltip(), "the badge keeps its tooltip");
        assertEquals(io.zkml.workbench.ui.graph.NodeCardPresenter.of("layer0",
                graph.metricsFor(graph.graph().orElseThrow().node("layer0"))).constraintsTip(), badgeTip.getText(),
                "retitled with the new program's figures");
        assertSame(tileTip, dashboard().tileTooltip("constraintsTotal"), "the tile keeps its tooltip");
        assertNotEquals(tileTextBefore, tileTip.getText(), "retitled with the new total");
        assertEquals(tileTip.getText(), dashboard().tooltip("constraintsTotal"));
    }

    /** Whether the card's cost badge is drawn dimmed, as the stylesheet's updating state says. */
    private static boolean dimmed(NodeCard card) {
        return dimmed(card.lookup(".badge-constraints"));
    }

    private boolean dimmedNode(String selector) {
        return dimmed(fx.window.lookup(selector));
    }

    private static boolean dimmed(javafx.scene.Node node) {
        node.applyCss();
        return node.getOpacity() < 1;
    }

    @Test
    void fashionCnnOpensAsAChainWithinEveryLimit() {
        // The partitioner lowers and prices every candidate segment over layer and channel boundaries
        // (about 75 s on the loaded 2-core machine), so the program takes longer than the others.
        open("fashion-cnn", 300);
        List<CostReport.LimitRow> rows = dashboard().limitRows();
        // Three programs cut inside the conv layer, printed as closures: every hard limit holds; each program
        // needs more than the offline parameters (not blocking: proving downloads them).
        Set<String> every = new java.util.HashSet<>(EVERY_LIMIT);
        every.add("MAX_CLOSURES");
        assertEquals(every, rows.stream().map(CostReport.LimitRow::limit).collect(Collectors.toSet()));
        assertEquals(List.of(), rows.stream().filter(r -> !r.passed() && r.blocking()).map(CostReport.LimitRow::limit)
                .toList(), rows.toString());
        assertEquals(List.of("offline SRS degree 2^16", "offline SRS degree 2^16", "offline SRS degree 2^16"),
                rows.stream().filter(r -> !r.passed()).map(CostReport.LimitRow::limit).toList(), rows.toString());
        assertEquals("All " + (rows.size() - 3) + " pass", dashboard().text("aleoLimits"));
        assertTrue(fx.window.lookup("#aleoLimits").getStyleClass().contains("tile-warn"));
        assertEquals(21, srsDegree());

        // The chain's chart: the 784 inputs and the hand-offs between its programs are bars of their own,
        // seven in all, each with its label (the chart grows rather than hide every other one).
        io.zkml.workbench.ui.dashboard.ProgramCost cost = fx.window.evaluatedProperty().get().cost().orElseThrow();
        java.util.Map<String, Long> bars = onFx(() -> dashboard().chartBars());
        assertEquals(List.of("function overhead", "inputs", "hand-offs", "conv", "pool", "output", "outputs"),
                List.copyOf(bars.keySet()));
        assertEquals(cost.handoffs(), bars.get(Dashboard.HANDOFFS_BAR));
        assertTrue(cost.handoffs() > cost.functionOverhead(), "passing activations costs more than the three functions");
        assertEquals(cost.totalConstraints(), bars.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of(), onFx(() -> dashboard().unlabelledBars()), "every bar has its label");
    }

    @Test
    void autoTuneOnIrisMlpCancelsThenShowsTheTradeOffsAndApplyChangesTheTotals(FxRobot robot) {
        open("iris-mlp");
        QuantSpec calibrated = fx.window.spec();
        EvaluationSnapshot before = fx.window.evaluatedProperty().get();
        String constraintsBefore = dashboard().text("constraintsTotal");
        assertFalse(fx.window.dirtyProperty().get());

        robot.clickOn("#autoTune");
        fx.waitFor("the auto-tune dialog", 10, () -> fx.window.autoTuneDialog() != null
                && fx.window.autoTuneDialog().stage().isShowing());
        AutoTuneDialog dialog = fx.window.autoTuneDialog();
        Button run = (Button) dialog.stage().getScene().lookup("#tuneRun");
        Button cancel = (Button) dialog.stage().getScene().lookup("#tuneCancel");
        Button apply = (Button) dialog.stage().getScene().lookup("#tuneApply");

        // Cancel straight after Run: the search stops between candidates and changes nothing.
        robot.interact(() -> {
            run.fire();
            cancel.fire();
        });
        fx.waitFor("the cancelled search to end", 30, () -> onFx(() -> dialog.running().isDone() && !run.isDisabled()));
        assertEquals(Worker.State.CANCELLED, onFx(() -> dialog.running().getState()));
        assertTrue(apply.isDisabled());
        assertTrue(dialog.table().getItems().isEmpty());
        assertEquals(calibrated, fx.window.spec());
        assertFalse(fx.window.dirtyProperty().get());

        robot.interact(run::fire);
        fx.waitFor("auto-tune to finish", 180, () -> onFx(() -> dialog.running().getState() == Worker.State.SUCCEEDED
                && !apply.isDisabled()));
        AutoTuner.Result r = onFx(() -> dialog.running().getValue().result());
        assertEquals(AutoTuner.Target.maxAccuracyDrop(0.5), r.target());
        assertFalse(dialog.table().getItems().isEmpty());
        assertTrue(dialog.table().getItems().containsAll(r.pareto()), "the Pareto choices are listed");
        assertEquals(r.chosen(), dialog.table().getSelectionModel().getSelectedItem(), "the recommendation is selected");
        assertTrue(r.chosen().constraints() < r.baseline().constraints(), r.chosen() + " vs " + r.baseline());

        robot.interact(apply::fire);
        fx.waitFor("the tuned spec to be evaluated and compiled", 60, () -> fx.window.evaluatedProperty().get() != before
                && r.spec().equals(fx.window.evaluatedProperty().get().spec())
                && !fx.window.evaluatingProperty().get()
                && fx.window.evaluatedProperty().get().cost().map(c -> r.spec().equals(
                        fx.window.programs().generatedProperty().get().spec())).orElse(false)
                && !dashboard().costUpdating());
        assertEquals(r.spec(), fx.window.spec());
        assertTrue(fx.window.dirtyProperty().get(), "the project has unsaved changes");
        // The tile shows the exact count and the change since the last edit.
        long totalBefore = before.cost().orElseThrow().totalConstraints();
        long totalAfter = fx.window.evaluatedProperty().get().cost().orElseThrow().totalConstraints();
        assertEquals(Format.count(totalBefore), constraintsBefore);
        assertNotEquals(totalBefore, totalAfter, "the totals follow the tuned spec");
        assertEquals(Format.count(totalAfter), dashboard().text("constraintsTotal"), "the dashboard shows them");
        assertEquals(String.format(java.util.Locale.US, "%+,d since the last edit", totalAfter - totalBefore),
                dashboard().text("constraintsDelta"));
        assertNotNull(fx.window.evaluatedProperty().get().cost().orElse(null));

        // Any other trade-off can be applied too, not only the recommendation.
        AutoTuner.Candidate other = dialog.table().getItems().stream().filter(c -> !c.equals(r.chosen()))
                .findFirst().orElseThrow(() -> new AssertionError("only one candidate listed: " + r.pareto()));
        EvaluationSnapshot tuned = fx.window.evaluatedProperty().get();
        robot.interact(() -> dialog.table().getSelectionModel().select(other));
        assertEquals("Apply selected", apply.getText());
        robot.interact(apply::fire);
        QuantSpec otherSpec = r.specOf(other);
        assertNotEquals(r.spec(), otherSpec);
        fx.waitFor("the selected spec to be evaluated", 60, () -> fx.window.evaluatedProperty().get() != tuned
                && otherSpec.equals(fx.window.evaluatedProperty().get().spec()) && !fx.window.evaluatingProperty().get());
        assertEquals(otherSpec, fx.window.spec());
        assertTrue(fx.window.statusBar().message().startsWith("Applied the selected auto-tuned spec: "
                + Format.count(other.constraints()) + " constraints"), fx.window.statusBar().message());
        robot.interact(() -> dialog.stage().close());

        // Each Apply is one undo step: undoing both puts back the calibrated spec, its program and
        // totals, and a clean project.
        robot.interact(fx.window::undo);
        assertEquals(r.spec(), fx.window.spec());
        robot.interact(fx.window::undo);
        assertEquals(calibrated, fx.window.spec());
        fx.waitFor("the calibrated spec's program", 60, () -> calibrated.equals(fx.window.evaluatedProperty().get().spec())
                && !fx.window.evaluatingProperty().get()
                && calibrated.equals(fx.window.programs().generatedProperty().get().spec())
                && !fx.window.programs().generatingProperty().get() && !dashboard().costUpdating());
        assertEquals(constraintsBefore, dashboard().text("constraintsTotal"));
        assertFalse(fx.window.dirtyProperty().get(), "undone back to the opened state");
    }
}
