package io.zkml.workbench.ui.document;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The editor's writes — project files, autosaves, copies of retrained models — one at a time and in
 * the order asked, on a thread of their own, so the window never waits for a disk. Each write goes
 * through a temporary file moved into place (ProjectStore, Autosave, AtomicFiles), so a crash leaves
 * the old file or the new one, never half of one. Plain Java: the window hands in where its
 * callbacks run (the FX thread), a test a queue of its own.
 */
public final class SaveQueue implements AutoCloseable {

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-save");
        t.setDaemon(true);
        return t;
    });
    private final Executor callbacks;

    /** @param callbacks where {@code done} and {@code failed} run (the FX thread's {@code Platform::runLater}) */
    public SaveQueue(Executor callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * Runs {@code write} after the writes asked before it, then {@code done} or {@code failed} where the
     * callbacks run. After {@link #close()} the write runs at once on the caller's thread, so nothing
     * asked while the window closes is lost.
     */
    public void submit(Runnable write, Runnable done, Consumer<RuntimeException> failed) {
        Runnable job = () -> {
            try {
                write.run();
                callbacks.execute(done);
            } catch (RuntimeException e) {
                callbacks.execute(() -> failed.accept(e));
            }
        };
        try {
            writer.execute(job);
        } catch (RejectedExecutionException closed) {
            job.run();
        }
    }

    /** Lets the writes already asked finish (up to 30 seconds), then stops the thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
