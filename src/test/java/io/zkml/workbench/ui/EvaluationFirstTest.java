package io.zkml.workbench.ui;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compile's pause points wait for a running evaluation, within a budget, and never for a dropped compile. */
class EvaluationFirstTest {

    /** Generous bounds: they only tell "returned" from "waited for the hour-long budget". */
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    @Test
    void aPausePointWaitsUntilTheEvaluationEnds() throws Exception {
        EvaluationFirst first = new EvaluationFirst(HOUR_MS);
        first.started();
        BooleanSupplier stop = first.pausing(() -> false);
        CompletableFuture<Boolean> compile = CompletableFuture.supplyAsync(stop::getAsBoolean);
        Thread.sleep(200);
        assertFalse(compile.isDone(), "the compile waits while the evaluation runs");
        first.ended();
        assertFalse(assertTimeoutPreemptively(SOON, () -> compile.get()), "then goes on, still wanted");
        assertTimeoutPreemptively(SOON, () -> stop.getAsBoolean(), "and does not wait with no evaluation running");
    }

    @Test
    void aCompileWaitsNoLongerThanItsBudgetInAll() {
        EvaluationFirst first = new EvaluationFirst(50);
        first.started(); // an evaluation that never ends
        BooleanSupplier stop = first.pausing(() -> false);
        assertTimeoutPreemptively(SOON, () -> {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(stop.getAsBoolean());
            }
        }, "a thousand pause points cost the one budget, not a thousand");
    }

    @Test
    void threadsOfOneCompileSpendOneBudget() {
        EvaluationFirst first = new EvaluationFirst(200);
        first.started(); // an evaluation that never ends
        BooleanSupplier stop = first.pausing(() -> false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            assertTimeoutPreemptively(SOON, () -> {
                // A chain search's starts priced side by side pause at once, then keep calling: none waits again.
                List<CompletableFuture<Void>> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    threads.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 1_000; i++) {
                            assertFalse(stop.getAsBoolean());
                        }
                    }, pool));
                }
                CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get();
            }, "four threads with a thousand pause points each cost the one budget");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCompileNoLongerWantedDoesNotWait() {
        EvaluationFirst first = new EvaluationFirst(HOUR_MS);
        first.started();
        assertTrue(assertTimeoutPreemptively(SOON, () -> first.pausing(() -> true).getAsBoolean()));
        // Evaluations that ended (also by failing) hold nothing back.
        first.ended();
        first.started();
        first.ended();
        assertEquals(false, assertTimeoutPreemptively(SOON, () -> first.pausing(() -> false).getAsBoolean()));
    }
}
