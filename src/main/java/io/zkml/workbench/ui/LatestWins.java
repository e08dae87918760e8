package io.zkml.workbench.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one kind of work off the FX thread where only the newest request matters: requests that
 * arrive while one runs replace each other, the running one is told to stop (its {@code stop} check
 * turns true, and work that checks it gives up with a {@link CancellationException}), and a result that
 * is no longer the newest is dropped. So dragging a bit-width spinner through ten values compiles the
 * program about once, for the last value, instead of finishing a compile per value the user passed.
 */
final class LatestWins<I, O> implements AutoCloseable {

    private record Request<I, O>(long generation, I input, Consumer<O> onResult, Consumer<Throwable> onError) {
    }

    private final BiFunction<I, BooleanSupplier, O> work;
    private final ExecutorService executor;
    /** Where results are delivered: the FX thread in the app, the caller's thread in a test. */
    private final Executor deliver;
    private final AtomicReference<Request<I, O>> pending = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** The newest request's generation; the worker reads it to see whether its request is superseded. */
    private final AtomicLong generation = new AtomicLong();

    /** @param work computes the result; its second argument turns true once the request is superseded */
    LatestWins(String threadName, BiFunction<I, BooleanSupplier, O> work) {
        this(threadName, work, Platform::runLater);
    }

    LatestWins(String threadName, BiFunction<I, BooleanSupplier, O> work, Executor deliver) {
        this.work = work;
        this.deliver = deliver;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Called on the delivering (FX) thread; the callbacks run there too, only for the newest request. */
    void submit(I input, Consumer<O> onResult, Consumer<Throwable> onError) {
        if (executor.isShutdown()) {
            // The window closed while an earlier result was being shown: nothing is left to update.
            return;
        }
        if (pending.getAndSet(new Request<>(generation.incrementAndGet(), input, onResult, onError)) == null) {
            executor.execute(this::drain);
        }
        // After the hand-off, so the work does not wait for the views that show "busy"; its result is
        // delivered on this thread, so it cannot arrive before this.
        busy.set(true);
    }

    /** Forgets queued work, stops the running work and drops results still in flight. */
    void invalidate() {
        generation.incrementAndGet();
        pending.set(null);
        busy.set(false);
    }

    /** Runs {@code work} on the worker thread, before the requests submitted after it; false once closed. */
    boolean runExclusive(Runnable work) {
        return execute(executor, work);
    }

    /** Hands {@code work} to a worker's executor; false when the worker has been closed. */
    static boolean execute(Executor worker, Runnable work) {
        try {
            worker.execute(work);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return false;
        }
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void drain() {
        Request<I, O> r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        BooleanSupplier superseded = () -> generation.get() != r.generation() || executor.isShutdown();
        try {
            O result = work.apply(r.input(), superseded);
            deliver.execute(() -> deliver(r, () -> r.onResult().accept(result)));
        } catch (CancellationException e) {
            // A newer request replaced this one (it is queued, or invalidate() dropped both): nothing to show.
            if (!superseded.getAsBoolean()) {
                deliver.execute(() -> deliver(r, () -> r.onError().accept(e)));
            }
        } catch (RuntimeException | LinkageError e) {
            deliver.execute(() -> deliver(r, () -> r.onError().accept(e)));
        }
    }

    private void deliver(Request<I, O> r, Runnable callback) {
        if (r.generation() != generation.get() || executor.isShutdown()) {
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
