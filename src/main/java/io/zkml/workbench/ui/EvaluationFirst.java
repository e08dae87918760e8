package io.zkml.workbench.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Lets a spec's evaluation run ahead of its compile. Both start when the spec changes; on two cores
 * (often two hyperthreads of one) each slowed the other, so the evaluation's figures (accuracy, errors),
 * which take tens of milliseconds alone, came after 100-200 ms on fashion-cnn. The compile, which takes
 * several times longer, waits at its next pause point (between two candidate segments, a few
 * milliseconds apart) while an evaluation runs, and goes on when it ends, or after {@link #MAX_WAIT_MS}
 * at most so that a long evaluation (a big dataset) never holds the program back for long.
 * Thread-safe: the evaluation thread marks its work, the compile's threads wait.
 */
final class EvaluationFirst {

    static final long MAX_WAIT_MS = 250;

    private int running;
    private final long maxWaitNanos;

    EvaluationFirst() {
        this(MAX_WAIT_MS);
    }

    /** @param maxWaitMs what one compile may wait in all (tests set it) */
    EvaluationFirst(long maxWaitMs) {
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
    }

    /** The evaluation thread starts one evaluation. */
    synchronized void started() {
        running++;
    }

    /** The evaluation thread ended one (also when it failed). */
    synchronized void ended() {
        running--;
        notifyAll();
    }

    /**
     * {@code stop} for one compile, pausing at each call while an evaluation runs: at most {@link #MAX_WAIT_MS}
     * (or the budget given) in all for the compile, and not at all once {@code stop} says the compile is no longer wanted.
     * Called from every thread the compile runs its work on side by side (a chain search's starts), so the budget
     * is shared atomically: threads that pause together spend it together.
     */
    BooleanSupplier pausing(BooleanSupplier stop) {
        AtomicLong budget = new AtomicLong(maxWaitNanos);
        return () -> {
            if (stop.getAsBoolean()) {
                return true;
            }
            long left = budget.get();
            if (left > 0) {
                budget.addAndGet(-waitWhileRunning(left));
            }
            return stop.getAsBoolean();
        };
    }

    /** Waits while an evaluation runs, {@code maxNanos} at most; returns the nanoseconds waited. */
    synchronized long waitWhileRunning(long maxNanos) {
        long start = System.nanoTime();
        long deadline = start + maxNanos;
        try {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's stop check sees a cancelled compile
        }
        return System.nanoTime() - start;
    }
}
