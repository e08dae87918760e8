package io.zkml.workbench.ui;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.util.Duration;

/**
 * A "work under way" mark that follows a busy flag but comes on only once the work has run for a grace
 * period, and goes at once when it ends. Most updates after an edit finish within it (the evaluation's
 * figures in 13–64 ms, a small model's program in 30–80 ms): marking them made the figures flicker
 * (dimmed, then bright again a few frames later) and cost the FX thread a restyle and layout of every
 * marked view, twice per change, on every card of the graph (issue #14). Work that takes longer is
 * marked as before, {@link #GRACE} after it began. Used on the FX thread only.
 */
final class ShownAfter {

    /** Work shorter than this shows no mark; about the time a change must take to be seen as waiting. */
    static final Duration GRACE = Duration.millis(150);

    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final PauseTransition wait;

    ShownAfter(ObservableBooleanValue busy) {
        this(busy, GRACE);
    }

    ShownAfter(ObservableBooleanValue busy, Duration grace) {
        wait = new PauseTransition(grace);
        wait.setOnFinished(e -> shown.set(busy.get()));
        busy.addListener((obs, was, on) -> {
            if (!on) {
                wait.stop();
                shown.set(false);
            } else if (!shown.get() && wait.getStatus() != Animation.Status.RUNNING) {
                wait.playFromStart();
            }
        });
        if (busy.get()) {
            wait.playFromStart();
        }
    }

    /** True while the work has been under way for longer than the grace period. */
    ReadOnlyBooleanProperty property() {
        return shown.getReadOnlyProperty();
    }
}
