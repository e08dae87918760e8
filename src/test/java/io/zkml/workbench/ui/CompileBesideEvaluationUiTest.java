package io.zkml.workbench.ui;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.ui.dashboard.ProgramCost;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spec change compiles its program beside its evaluation, not after it (issue #14): with the
 * evaluation thread held back, the program for the new spec still lands, and the evaluation that
 * lands afterwards takes its cost from that program without compiling it again. An unretrained
 * design and a model without a dataset still get no program. Ordering only: no timings.
 */
@ExtendWith(ApplicationExtension.class)
class CompileBesideEvaluationUiTest extends HeadlessFx {

    private WorkbenchFixture fx;
    /** Compiles started (the generator turning busy), counted on the FX thread. */
    private final AtomicInteger compiles = new AtomicInteger();

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
        fx.window.programs().generatingProperty().addListener((obs, was, busy) -> {
            if (busy) {
                compiles.incrementAndGet();
            }
        });
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void theProgramOfANewSpecLandsWhileItsEvaluationIsHeldBack(FxRobot robot) throws Exception {
        fx.openSample("iris-tiny");
        QuantSpec opened = fx.window.spec();
        waitForProgramOf(opened);
        QuantSpec narrow = narrower(opened);

        // The evaluation thread runs one task at a time: this one keeps the next evaluation waiting.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        robot.interact(() -> assertTrue(fx.window.evaluator().runExclusive(() -> {
            holding.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS), "the evaluation thread is held");
            compiles.set(0);
            robot.interact(() -> fx.window.editSpec(narrow));
            waitForProgramOf(narrow);
            assertEquals(opened, fx.window.evaluatedProperty().get().spec(), "the evaluation has not landed");
            assertTrue(fx.window.evaluatingProperty().get(), "and is still pending");
            assertEquals(1, compiles.get(), "one compile, started by the spec change");
        } finally {
            release.countDown();
        }

        fx.waitFor("the held evaluation", 30, () -> narrow.equals(fx.window.evaluatedProperty().get().spec())
                && !fx.window.evaluatingProperty().get());
        assertEquals(1, compiles.get(), "the evaluation landing did not compile the program again");
        ProgramCost cost = new ProgramCost(fx.window.programs().generatedProperty().get().compiled());
        assertEquals(cost.totalConstraints(), fx.window.evaluatedProperty().get().cost().orElseThrow().totalConstraints(),
                "the badges take the program's cost as the evaluation lands");
    }

    @Test
    void anUnretrainedDesignGetsNoProgramUntilItIsTheModelFileAgain(FxRobot robot) {
        fx.openSample("iris-tiny");
        QuantSpec opened = fx.window.spec();
        waitForProgramOf(opened);
        int nodes = fx.window.graphView().cards().size();
        robot.interact(() -> {
            fx.window.graphView().selection().select("layer0");
            fx.window.design().activeProperty().set(true);
            fx.window.design().addDense(12, Activation.RELU);
        });
        fx.waitFor("the added layer", 30, () -> fx.window.graphView().cards().size() == nodes + 1);
        assertTrue(fx.window.design().isEdited());

        compiles.set(0);
        QuantSpec narrow = narrower(opened);
        robot.interact(() -> fx.window.editSpec(narrow));
        fx.waitFor("the evaluation", 30, () -> narrow.equals(fx.window.evaluatedProperty().get().spec())
                && !fx.window.evaluatingProperty().get());
        assertEquals(0, compiles.get(), "no program for an unretrained design");
        assertEquals(opened, fx.window.programs().generatedProperty().get().spec(), "the model file's program stays");

        // Leaving design mode drops the edits: the shown graph is the model file again, with the new spec.
        robot.interact(() -> fx.window.design().activeProperty().set(false));
        waitForProgramOf(narrow);
        assertEquals(1, compiles.get());
    }

    @Test
    void aModelWithoutADatasetGetsNoProgram() throws Exception {
        // A copy without its test split beside it: nothing to calibrate or evaluate, so no spec to compile.
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("zkml-no-data");
        java.nio.file.Path model = java.nio.file.Files.copy(WorkbenchFixture.sampleModel("iris-tiny"),
                dir.resolve("iris-tiny.zip"));
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> fx.window.open(new ModelRequest.File(model)));
        fx.waitFor("the model to open", 60, () -> fx.window.loadedProperty().get() != null);
        assertEquals(null, fx.window.evaluatedProperty().get(), "nothing was evaluated");
        assertEquals(0, compiles.get(), "and nothing compiled");
        assertEquals(null, fx.window.programs().generatedProperty().get());
    }

    private QuantSpec narrower(QuantSpec spec) {
        return spec.withLayer("layer0", spec.layer("layer0")
                .withActivationBits(spec.layer("layer0").activationBits() - 1));
    }

    private void waitForProgramOf(QuantSpec spec) {
        fx.waitFor("the program of " + spec, 60, () -> fx.window.programs().generatedProperty().get() != null
                && spec.equals(fx.window.programs().generatedProperty().get().spec())
                && !fx.window.programs().generatingProperty().get());
    }
}
