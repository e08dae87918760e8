package io.zkml.workbench.ui;

import javafx.concurrent.Task;
import javafx.stage.Window;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs long work (import, layout, later compilation) off the FX thread, shows its progress in
 * the status bar with a cancel button, and turns failures into a readable error dialog.
 */
public final class BackgroundWork implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-background");
        t.setDaemon(true);
        return t;
    });
    private final StatusBar status;
    private final Supplier<Window> owner;

    public BackgroundWork(StatusBar status, Supplier<Window> owner) {
        this.status = status;
        this.owner = owner;
    }

    /**
     * Starts a task. {@code onSuccess} runs on the FX thread with the result; a failure shows
     * "{@code failureSummary}" with the cause's message and the trace behind "Details".
     */
    public <T> Task<T> run(Task<T> task, String failureSummary, Consumer<T> onSuccess) {
        return run(task, failureSummary, onSuccess, t -> false);
    }

    /**
     * As {@link #run(Task, String, Consumer)}; {@code handled} gets the failure first and returns
     * true when it dealt with it (e.g. offered to locate a missing file) instead of the error dialog.
     */
    public <T> Task<T> run(Task<T> task, String failureSummary, Consumer<T> onSuccess,
                           java.util.function.Predicate<Throwable> handled) {
        if (executor.isShutdown()) {
            // The window closed while earlier work was finishing; nothing is left to show it in.
            return task;
        }
        status.track(task, task::cancel);
        task.setOnSucceeded(e -> {
            // The status bar followed the task's "…ing" message; it must not say so once it is over.
            status.setMessage("Ready");
            onSuccess.accept(task.getValue());
        });
        task.setOnCancelled(e -> status.setMessage("Cancelled"));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            status.setMessage(failureSummary + ": " + ErrorDialog.humanMessage(t));
            if (!handled.test(t)) {
                ErrorDialog.show(owner.get(), failureSummary, t);
            }
        });
        executor.execute(task);
        return task;
    }

    /** A message in the status bar (e.g. what finished work produced). */
    public void say(String message) {
        status.setMessage(message);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
