package io.zkml.workbench.ui;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A busy mark comes on only for work that outlasts the grace period, and goes at once when the work
 * ends. Orders of events, not timings: work that starts and ends in one turn of the FX thread can never
 * be marked, and work still running is marked eventually.
 */
@ExtendWith(ApplicationExtension.class)
class ShownAfterUiTest extends HeadlessFx {

    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final List<Boolean> changes = new CopyOnWriteArrayList<>();
    private ShownAfter mark;

    @Start
    void start(Stage stage) {
        mark = new ShownAfter(busy, Duration.millis(50));
        mark.property().addListener((obs, was, on) -> changes.add(on));
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    @Test
    void workThatEndsBeforeTheGracePeriodIsNeverMarked(FxRobot robot) throws Exception {
        robot.interact(() -> {
            busy.set(true);
            busy.set(false);
            busy.set(true);
            busy.set(false);
        });
        // Well past the grace period: the mark's timer was stopped with the work.
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), changes);
    }

    @Test
    void workThatGoesOnIsMarkedAndTheMarkGoesWithIt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            busy.set(true);
            assertFalse(mark.property().get(), "not at once");
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> mark.property().get());
        // More work handed over while marked (busy stays true): still one mark.
        robot.interact(() -> busy.set(true));
        robot.interact(() -> {
            busy.set(false);
            assertFalse(mark.property().get(), "the mark goes with the work, at once");
        });
        assertEquals(List.of(true, false), changes);
    }
}
