package io.zkml.workbench.testing;

import io.zkml.workbench.prove.SidecarClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The run's shared sidecar and a second process of its own, for work that snarkVM does on one thread:
 * {@code evaluate} (the circuit run without keys) and {@code evaluateRows} (checked console arithmetic)
 * run in the sidecar's main JavaScript thread, with its WASM pool idle (measured per thread: 55 s on the
 * main thread, about 1.5 s on each pool thread, for fashion-cnn's six rows and one circuit row), so one
 * sidecar leaves a core of this 2-core machine unused. Two processes evaluating side by side use both.
 *
 * <p>Only for classes whose snarkVM work is evaluations: a proof or a synthesis runs on both cores by
 * itself and slows down by 1.5-1.8x beside anything else (docs/TESTING.md, "a concurrent lane tried").
 * The tier runs one class at a time, so nothing else competes while a class uses both lanes. Both
 * processes count in the run's account, whose "sidecar busy" then adds up the two lanes' time.
 */
public final class SidecarLanes {

    private final List<SidecarClient> lanes;

    SidecarLanes(SidecarClient shared, SidecarClient second) {
        this.lanes = List.of(shared, second);
    }

    /**
     * {@link SidecarClient#evaluateRows} with the rows split in halves, one per lane (each lane parses the
     * programs once, as one request would): the outputs of every row, in the rows' order.
     */
    public List<List<String>> evaluateRows(String program, String function, List<List<String>> rows,
                                           Map<String, String> imports) {
        int half = (rows.size() + 1) / 2;
        List<List<List<String>>> parts = List.of(rows.subList(0, half), rows.subList(half, rows.size()));
        List<List<List<String>>> outputs = new ArrayList<>(java.util.Collections.nCopies(parts.size(), null));
        forEach(List.of(0, 1), (client, i) -> outputs.set(i, parts.get(i).isEmpty() ? List.of()
                : client.evaluateRows(program, function, parts.get(i), imports)));
        return outputs.stream().flatMap(List::stream).toList();
    }

    /** Runs every task on whichever lane is free next, in the list's order; as {@link #forEach}. */
    public void run(List<Consumer<SidecarClient>> tasks) {
        forEach(tasks, (client, task) -> task.accept(client));
    }

    /**
     * Runs {@code work} on every item, each item on whichever lane is free next, in the list's order
     * (put the longest first), and returns when all are done. The first failure (an assertion included)
     * stops the lanes taking further items and is thrown here once both have stopped; later ones are
     * added to it as suppressed.
     */
    public <T> void forEach(List<T> items, BiConsumer<SidecarClient, T> work) {
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            SidecarClient client = lanes.get(i);
            Thread t = new Thread(() -> {
                T item;
                while (failure.get() == null && (item = queue.poll()) != null) {
                    try {
                        work.accept(client, item);
                    } catch (Throwable e) {
                        if (!failure.compareAndSet(null, e)) {
                            failure.get().addSuppressed(e);
                        }
                    }
                }
            }, "sidecar-lane-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the sidecar lanes ran", e);
            }
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
