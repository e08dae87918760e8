package io.zkml.workbench.ui;

import io.zkml.workbench.project.ActivationRange;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.session.ModelSession;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Re-evaluates the spec off the FX thread whenever the user changes it, latest value wins:
 * requests that arrive while one runs replace each other, so dragging a spinner through ten
 * values costs at most two evaluations, and a result that is no longer the latest request is
 * dropped. One worker thread, because a {@link ModelSession}'s incremental simulator is not
 * thread-safe (and it is what makes one-layer changes cheap).
 */
final class LiveEvaluator implements AutoCloseable {

    private record Request(long generation, ModelSession session, QuantSpec spec,
                           Consumer<EvaluationSnapshot> onResult, Consumer<Throwable> onError) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-evaluation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** Only touched on the FX thread. */
    private long generation;
    /** Marks each evaluation, so that the compile beside it pauses until it is done. */
    private final EvaluationFirst first;

    LiveEvaluator(EvaluationFirst first) {
        this.first = first;
    }

    /** Called on the FX thread; the callbacks run there too, only for the latest request. */
    void submit(ModelSession session, QuantSpec spec, Consumer<EvaluationSnapshot> onResult,
                Consumer<Throwable> onError) {
        if (executor.isShutdown()) {
            // The window closed while a load was finishing: nobody is left to show the result.
            return;
        }
        Request r = new Request(++generation, session, spec, onResult, onError);
        if (pending.getAndSet(r) == null) {
            executor.execute(this::drain);
        }
        // After the hand-off, so the evaluation does not wait for the views that show "busy"; its result
        // is delivered on this thread, so it cannot arrive before this.
        busy.set(true);
    }

    /** Forgets queued work and drops results still in flight, e.g. when another model opens. */
    void invalidate() {
        generation++;
        pending.set(null);
        busy.set(false);
    }

    /**
     * Runs other work that uses a session's incremental simulator (auto-tune) on the evaluation
     * thread, after the evaluation in flight: the simulator is not thread-safe.
     *
     * @return false when the window has closed and the work will not run
     */
    boolean runExclusive(Runnable work) {
        return LatestWins.execute(executor, work);
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void drain() {
        Request r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        first.started();
        try {
            EvaluationSnapshot snapshot = evaluate(r);
            Platform.runLater(() -> deliver(r, () -> r.onResult().accept(snapshot)));
        } catch (RuntimeException | LinkageError e) {
            Platform.runLater(() -> deliver(r, () -> r.onError().accept(e)));
        } finally {
            first.ended();
        }
    }

    private void deliver(Request r, Runnable callback) {
        if (r.generation() != generation) {
            return;
        }
        busy.set(false);
        callback.run();
    }

    /** The cost is not computed here: it comes from the compiled program (ProgramPanels) once it lands. */
    static EvaluationSnapshot evaluate(ModelSession session, QuantSpec spec) {
        QuantEvaluation eval = session.evaluate(spec);
        // Same spec as the evaluation just ran: the session returns its cached simulation.
        SimulationResult sim = session.simulateDataset(spec);
        return new EvaluationSnapshot(spec, eval, ActivationRange.of(sim), java.util.Optional.empty());
    }

    private static EvaluationSnapshot evaluate(Request r) {
        return evaluate(r.session(), r.spec());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
