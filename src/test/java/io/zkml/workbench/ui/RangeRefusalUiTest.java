package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.LayerRefusal;

import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: a spec whose value range the program cannot hold is refused by the compiler naming the layer,
 * the range and the remedy; the workbench shows that refusal on the layer's node and in its inspector
 * (where the spec is changed), not only as the Code tab's error, and takes it away once the spec is fixed.
 */
@ExtendWith(ApplicationExtension.class)
class RangeRefusalUiTest extends HeadlessFx {

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
    void anUnrepresentableRangeIsShownOnTheLayersNodeAndInspector(FxRobot robot) {
        QuantSpec calibrated = openIrisTiny();

        // 48 weight fraction bits in a FIELD layer: the accumulator's bound exceeds 63 bits (docs/QUANTIZATION.md).
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec wide = calibrated.withLayer("layer0", q.withWeightFracBits(LayerQuant.MAX_FRAC_BITS));
        robot.interact(() -> fx.window.editSpec(wide));
        fx.waitFor("the refusal", 60, () -> fx.window.programs().refusalProperty().get() != null);
        LayerRefusal r = fx.window.programs().refusalProperty().get();
        assertEquals("layer0", r.layer());

        robot.clickOn(fx.window.graphView().cards().get("layer0"));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#rangeRefusal").queryLabeled().getText();
        assertTrue(shown.contains("layer layer0") && shown.contains("accumulator") && shown.contains("weightFracBits"),
                "layer, value, range and remedy: " + shown);
        assertEquals(shown, fx.window.inspector().refusalText());
        assertEquals(r.message(), fx.window.graphView().cards().get("layer0").refusalText(), "the node's badge");
        fx.window.graphView().cards().forEach((name, card) -> {
            if (!name.equals("layer0")) {
                assertNull(card.refusalText(), name + " is not refused");
            }
        });

        // Another layer's inspector has no such note; the refused layer's comes back with it.
        String other = fx.window.graphView().cards().keySet().stream().filter(n -> !n.equals("layer0")).findFirst().orElseThrow();
        robot.clickOn(fx.window.graphView().cards().get(other));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(fx.window.inspector().refusalText());

        robot.interact(() -> fx.window.editSpec(calibrated));
        fx.waitFor("the program again", 60, () -> fx.window.programs().generatedProperty().get() != null
                && calibrated.equals(fx.window.programs().generatedProperty().get().spec()));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(fx.window.programs().refusalProperty().get());
        assertNull(fx.window.graphView().cards().get("layer0").refusalText());
        robot.clickOn(fx.window.graphView().cards().get("layer0"));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(fx.window.inspector().refusalText());
        assertNotNull(fx.window.programs().generatedProperty().get());
    }

    /**
     * The quantizer's own refusal, a requantization shift beyond the simulator's 64-bit words (found by the
     * differential generator, seed 1,660,867), is the same refusal by layer: shown on the node with the change
     * that fixes it, and gone once the spec is fixed.
     */
    @Test
    void aShiftBeyondTheSimulatorsWordsIsShownOnTheLayersNode(FxRobot robot) {
        QuantSpec calibrated = openIrisTiny();

        // 46 + 14 fractional bits summed, requantized to -3: a right shift of 63.
        LayerQuant q = calibrated.layer("layer0");
        QuantSpec shifted = new QuantSpec(calibrated.version(), 46, 48, calibrated.foldBatchNorm(), calibrated.layers())
                .withLayer("layer0", q.withWeightFracBits(14).withActivationFracBits(-3));
        robot.interact(() -> fx.window.editSpec(shifted));
        fx.waitFor("the refusal", 60, () -> fx.window.programs().refusalProperty().get() != null);
        LayerRefusal r = fx.window.programs().refusalProperty().get();
        assertEquals("layer0", r.layer());
        assertTrue(r.message().contains("shift of 63 bits") && r.message().contains("raise this layer's activation frac bits"),
                r.message());
        assertEquals(r.message(), fx.window.graphView().cards().get("layer0").refusalText(), "the node's badge");

        robot.interact(() -> fx.window.editSpec(calibrated));
        fx.waitFor("the program again", 60, () -> fx.window.programs().generatedProperty().get() != null
                && calibrated.equals(fx.window.programs().generatedProperty().get().spec()));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(fx.window.graphView().cards().get("layer0").refusalText());
    }

    /** iris-tiny opened with its calibrated spec, and that spec's program compiled. */
    private QuantSpec openIrisTiny() {
        fx.openSample("iris-tiny");
        QuantSpec calibrated = fx.window.spec();
        fx.waitFor("the first program", 60, () -> fx.window.programs().generatedProperty().get() != null);
        return calibrated;
    }
}
