package io.zkml.workbench.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one kind of work off the FX thread where only the newest request matters: requests that
 * arrive while one runs replace each other, and a result that is no longer the newest is dropped.
 * So dragging a bit-width spinner through ten values regenerates the program at most twice.
 */
final class LatestWins<I, O> implements AutoCloseable {

    private record Request<I, O>(long generation, I input, Consumer<O> onResult, Consumer<Throwable> onError) {
    }

    private final Function<I, O> work;
    private final ExecutorService executor;
    private final AtomicReference<Request<I, O>> pending = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** Only touched on the FX thread. */
    private long generation;

    LatestWins(String threadName, Function<I, O> work) {
        this.work = work;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Called on the FX thread; the callbacks run there too, only for the newest request. */
    void submit(I input, Consumer<O> onResult, Consumer<Throwable> onError) {
        if (executor.isShutdown()) {
            // The window closed while an earlier result was being shown: nothing is left to update.
            return;
        }
        busy.set(true);
        if (pending.getAndSet(new Request<>(++generation, input, onResult, onError)) == null) {
            executor.execute(this::drain);
        }
    }

    /** Forgets queued work and drops results still in flight. */
    void invalidate() {
        generation++;
        pending.set(null);
        busy.set(false);
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void drain() {
        Request<I, O> r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        try {
            O result = work.apply(r.input());
            Platform.runLater(() -> deliver(r, () -> r.onResult().accept(result)));
        } catch (RuntimeException | LinkageError e) {
            Platform.runLater(() -> deliver(r, () -> r.onError().accept(e)));
        }
    }

    private void deliver(Request<I, O> r, Runnable callback) {
        if (r.generation() != generation || executor.isShutdown()) {
            return;
        }
        busy.set(false);
        callback.run();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
