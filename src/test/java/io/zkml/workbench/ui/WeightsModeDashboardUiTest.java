package io.zkml.workbench.ui;

import io.zkml.workbench.ui.dashboard.Dashboard;
import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.ui.code.GeneratedCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.cli.ZkmlCli;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.ProvingEstimate;
import io.zkml.workbench.io.FileHashes;
import javafx.concurrent.Worker;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard describes the program that is actually compiled: switching the weights mode
 * changes the constraints, SRS degree and estimate to exactly what {@code zkml cost --project}
 * prints for the saved project, in every mode; and {@code zkml export --project} writes the same
 * program as the workbench's Export. Pinned programs hold snarkVM's Poseidon hash of the weights,
 * so that mode starts the sidecar (in the workbench and in the CLI) and is checked in the snarkVM
 * tier by {@link PinnedWeightsDashboardUiTest}; this class covers the other two modes without Node.js.
 */
@ExtendWith(ApplicationExtension.class)
class WeightsModeDashboardUiTest extends HeadlessFx {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void irisMlpDashboardEqualsZkmlCostInEveryWeightsMode(FxRobot robot) throws Exception {
        committedCostsMoreThanConstant(robot, "iris-mlp");
    }

    @Test
    void breastCancerMlpDashboardEqualsZkmlCostInEveryWeightsMode(FxRobot robot) throws Exception {
        committedCostsMoreThanConstant(robot, "breast-cancer-mlp");
    }

    private void committedCostsMoreThanConstant(FxRobot robot, String sample) throws Exception {
        fx.openSample(sample);
        Map<WeightsMode, Long> totals = dashboardEqualsCli(fx, robot, sample,
                List.of(WeightsMode.PRIVATE_COMMITTED, WeightsMode.CONSTANT));
        assertTrue(totals.get(WeightsMode.PRIVATE_COMMITTED) > totals.get(WeightsMode.CONSTANT),
                "committed weights are inputs and hashes, not constants: " + totals);
    }

    /**
     * Switches the opened sample to each mode in turn, saves the project and holds the dashboard's
     * figures and chart to what {@code zkml cost --project} prints for it; the totals by mode.
     */
    static Map<WeightsMode, Long> dashboardEqualsCli(WorkbenchFixture fx, FxRobot robot, String sample,
            List<WeightsMode> modes) throws Exception {
        Path project = Files.createTempDirectory("zkml-modes-").resolve(sample + ".zkwb");
        Map<WeightsMode, Long> totals = new LinkedHashMap<>();
        for (WeightsMode mode : modes) {
            CompiledModel shown = switchTo(fx, robot, mode);
            assertTrue(WaitForAsyncUtils.asyncFx(() -> fx.window.saveAs(project)).get().get(), "saved " + project);

            JsonNode cost = cli("cost", "--project", project.toString(), "--json");
            long constraints = cost.path("total").path("constraints").asLong();
            int srs = cost.path("srsDegreeLog2").asInt();
            Dashboard d = fx.window.dashboard();
            // Exact, or the estimate with its largest error, as the cost report gives it.
            String bound = cost.path("predictionErrorBound").isNumber()
                    ? " ± " + Format.count(cost.path("predictionErrorBound").asLong()) : "";
            assertEquals(Format.count(constraints) + bound, d.text("constraintsTotal"), sample + " " + mode);
            assertEquals("2^" + srs, d.text("srsDegree"), sample + " " + mode);
            assertEquals(Dashboard.estimateText(ProvingEstimate.of(srs)), d.text("provingEstimate"), sample + " " + mode);
            assertEquals(shown.programId(), cost.path("programId").asText());
            assertEquals(constraints, shown.cost().total().constraints());

            // The chart: the function's own parts first and last, then the layers, adding up to the total.
            Map<String, Long> bars = d.chartBars();
            List<String> labels = List.copyOf(bars.keySet());
            assertEquals(Dashboard.FUNCTION_BAR, labels.get(0));
            assertEquals(Dashboard.OUTPUTS_BAR, labels.get(labels.size() - 1));
            // The model's inputs have a bar of their own when they cost more than the overhead's reference input.
            long inputs = Math.max(0, shown.cost().inputs().constraints());
            assertEquals(shown.cost().functionAndInputs().constraints() - inputs, bars.get(Dashboard.FUNCTION_BAR));
            assertEquals(inputs > 0 ? inputs : null, bars.get(Dashboard.INPUTS_BAR), bars.toString());
            assertEquals(constraints, bars.values().stream().mapToLong(Long::longValue).sum(), bars.toString());
            assertEquals(mode != WeightsMode.CONSTANT, bars.containsKey(Dashboard.COMMITMENT_BAR), bars.toString());
            totals.put(mode, constraints);
        }
        return totals;
    }

    @Test
    void exportWithTheProjectWritesTheWorkbenchsProgram(FxRobot robot) throws Exception {
        fx.openSample("iris-mlp");
        switchTo(fx, robot, WeightsMode.PRIVATE_COMMITTED);
        Path dir = Files.createTempDirectory("zkml-export-");
        Path project = dir.resolve("iris.zkwb");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> fx.window.saveAs(project)).get().get());

        GeneratedCode g = fx.window.programs().generatedProperty().get();
        Path fromWorkbench = dir.resolve("workbench");
        var task = WaitForAsyncUtils.asyncFx(() -> fx.window.programs().export(g, fromWorkbench, false)).get();
        fx.waitFor("the workbench's export", 60, () -> onFx(() -> task.getState() == Worker.State.SUCCEEDED));
        ModelExport.Result written = onFx(task::getValue);

        Path headless = dir.resolve("headless");
        JsonNode out = cli("export", "--project", project.toString(), "--out", headless.toString(), "--json");
        assertEquals(written.manifest().programSha256(), out.path("manifest").path("programSha256").asText());
        assertEquals("private-committed", out.path("manifest").path("weightsMode").asText());
        for (String file : List.of("build/main.aleo", "src/main.leo", "quant.json")) {
            assertEquals(Files.readString(fromWorkbench.resolve(file)), Files.readString(headless.resolve(file)), file);
        }
        assertEquals(written.manifest().programSha256(), FileHashes.sha256(
                Files.readString(headless.resolve("build/main.aleo")).getBytes(StandardCharsets.UTF_8)));
    }

    /** Picks the weights mode in the Code tab and waits for the program compiled with it. */
    private static CompiledModel switchTo(WorkbenchFixture fx, FxRobot robot, WeightsMode mode) {
        robot.interact(() -> fx.window.programs().weightsModeProperty().set(mode));
        fx.waitFor(mode + " program", 120, () -> {
            GeneratedCode g = fx.window.programs().generatedProperty().get();
            return g != null && g.compiled().weightsMode() == mode && !fx.window.programs().generatingProperty().get()
                    && !fx.window.dashboard().costUpdating();
        });
        return fx.window.programs().generatedProperty().get().compiled();
    }

    private static JsonNode cli(String... args) throws Exception {
        CommandLine cl = ZkmlCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        assertEquals(0, exit, String.join(" ", args) + ": " + err);
        return JSON.readTree(out.toString());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
