package io.zkml.workbench.ui;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A superseded request is told to stop and its result is never shown; only the newest arrives. Results
 * are delivered to a queue this test drains, in place of the FX thread.
 */
class LatestWinsTest {

    @Test
    void aNewerRequestStopsTheRunningOneAndOnlyItsResultArrives() throws Exception {
        LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
        CountDownLatch firstRunning = new CountDownLatch(1);
        List<String> stopped = new CopyOnWriteArrayList<>();
        try (LatestWins<String, String> w = new LatestWins<>("test-latest", (in, stop) -> {
            if (in.equals("first")) {
                firstRunning.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!stop.getAsBoolean()) {
                    if (System.nanoTime() > until) {
                        return "never stopped";
                    }
                    Thread.onSpinWait();
                }
                stopped.add(in);
                throw new CancellationException("superseded");
            }
            return "result of " + in;
        }, fx::add)) {
            List<String> shown = new CopyOnWriteArrayList<>();
            w.submit("first", shown::add, e -> shown.add("error " + e));
            assertTrue(firstRunning.await(20, TimeUnit.SECONDS));
            w.submit("second", shown::add, e -> shown.add("error " + e));
            assertTrue(w.busyProperty().get());
            Runnable delivery = fx.poll(20, TimeUnit.SECONDS);
            delivery.run();
            assertEquals(List.of("result of second"), shown);
            assertEquals(List.of("first"), stopped, "the running request was told to stop");
            assertFalse(w.busyProperty().get());
            assertTrue(fx.poll(200, TimeUnit.MILLISECONDS) == null, "nothing else is delivered");
        }
    }
}
