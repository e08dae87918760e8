package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import io.zkml.workbench.ui.start.SampleGalleryModel;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import javafx.application.Platform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code --bench-ui}: opens every sample (or those {@code --demo} names, comma-separated) in the real window and
 * runs a scripted session — select 20 nodes, change 10 bit-widths with the Code tab showing, switch
 * tabs — while a watchdog times {@code Platform.runLater} round trips, so the longest FX-thread
 * stall is measured as a user would feel it. A bit-width change is timed to three moments: the
 * evaluation's figures (accuracy, errors), the compiled program's figures (constraints, limits) and
 * the Code tab showing the new text; until the program's figures it also counts the compile's CPU time
 * (its thread's and the common fork-join pool's) and the collections' pauses (which stop every thread), the
 * two things a change waits for besides the load. Each line carries the machine's load average, since on a shared
 * machine the wall-clock figures mean little without it. Prints one line per sample and exits.
 * Timings are figures to read, never a test.
 */
final class UiBenchmark {

    private final MainWindow window;
    private final PrintStream out;
    private final AtomicLong worstNanos = new AtomicLong();
    private final List<Long> stalls = new ArrayList<>();
    private volatile boolean watching = true;
    /** The FX thread's CPU time is what this code puts on it, whatever else the machine runs. */
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long fxThreadId;
    /** Only this sample, when given. */
    private final Optional<String> only;
    /** A model file to measure instead of the samples (e.g. a very deep network), when given. */
    private final Optional<java.nio.file.Path> file;

    /** What to do when the script is done (the app exits; a test goes on). */
    private final Runnable whenDone;

    UiBenchmark(MainWindow window, PrintStream out, Optional<String> only, Runnable whenDone) {
        this(window, out, only, Optional.empty(), whenDone);
    }

    UiBenchmark(MainWindow window, PrintStream out, Optional<String> only, Optional<java.nio.file.Path> file,
                Runnable whenDone) {
        this.window = window;
        this.out = out;
        this.only = only;
        this.file = file;
        this.whenDone = whenDone;
    }

    void start() {
        Thread watchdog = new Thread(this::watch, "bench-ui-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread script = new Thread(() -> {
            try {
                fxThreadId = onFx(() -> Thread.currentThread().getId());
                out.printf(Locale.US, "bench-ui: %d cores, load average %.2f%n",
                        Runtime.getRuntime().availableProcessors(), load());
                if (file.isPresent()) {
                    String name = file.get().getFileName().toString();
                    // The figures need a dataset: the CSV of the same name beside the model.
                    java.nio.file.Path csv = file.get().resolveSibling(name.replaceFirst("\\.[^.]*$", "") + ".csv");
                    if (!java.nio.file.Files.isRegularFile(csv)) {
                        out.println("bench-ui: " + file.get() + " needs its dataset beside it as " + csv.getFileName());
                        return;
                    }
                    runSample(name, new ModelRequest.File(file.get(), csv), true);
                    return;
                }
                // --demo takes one id or several, comma-separated (e.g. to measure a sample with the JIT warm).
                List<String> ids = only.map(o -> Arrays.asList(o.split(","))).orElse(List.of());
                List<SampleModel> samples = SampleGalleryModel.fromCatalog().samples().stream()
                        .filter(s -> ids.isEmpty() || ids.contains(s.id())).toList();
                if (samples.isEmpty()) {
                    out.println("bench-ui: no sample named " + only.orElse(""));
                }
                boolean cold = true;
                for (SampleModel s : samples) {
                    runSample(s.id(), new ModelRequest.Sample(s), cold);
                    cold = false;
                }
            } catch (Exception e) {
                out.println("bench-ui failed: " + e);
                e.printStackTrace(out);
            } finally {
                watching = false;
                out.flush();
                whenDone.run();
            }
        }, "bench-ui-script");
        script.setDaemon(true);
        script.start();
    }

    /** Posts an empty runnable, waits for it, records the round trip; 5 ms apart. */
    private void watch() {
        while (watching) {
            long t0 = System.nanoTime();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> done.complete(null));
            try {
                done.get(5, TimeUnit.MINUTES);
                long took = System.nanoTime() - t0;
                synchronized (stalls) {
                    stalls.add(took);
                }
                worstNanos.accumulateAndGet(took, Math::max);
                Thread.sleep(5);
            } catch (Exception e) {
                return;
            }
        }
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private double fxCpuMs() {
        return threads.getThreadCpuTime(fxThreadId) / 1e6;
    }

    /**
     * The CPU time of the live compile thread (0 before it starts) and of the common fork-join pool's workers, where
     * the compile runs its side-by-side work and nothing else of the workbench runs: the compile's own work,
     * whatever the load.
     */
    private double compileCpuMs() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("workbench-codegen")
                        || t.getName().startsWith("ForkJoinPool.commonPool-worker"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).filter(ns -> ns > 0).sum() / 1e6;
    }

    /** Milliseconds the collectors took since the start: pauses that stop the compile and the FX thread alike. */
    private static double gcMs() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum();
    }

    private void resetStalls() {
        synchronized (stalls) {
            stalls.clear();
        }
        worstNanos.set(0);
    }

    private double[] stallFigures() {
        long[] s;
        synchronized (stalls) {
            s = stalls.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(s);
        if (s.length == 0) {
            return new double[] {0, 0};
        }
        return new double[] {s[s.length - 1] / 1e6, s[(int) Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] / 1e6};
    }

    private void runSample(String id, ModelRequest request, boolean cold) throws Exception {
        double loadBefore = load();
        resetStalls();
        LoadedModel before = onFx(() -> window.loadedProperty().get());
        long t0 = System.nanoTime();
        fx(() -> window.open(request));
        ProgramPanels p = window.programs();
        waitUntil(() -> window.loadedProperty().get() != before && window.evaluatedProperty().get() != null && !window.evaluatingProperty().get()
                && !p.generatingProperty().get() && (p.generatedProperty().get() != null
                || p.code().shown().isEmpty()), 600);
        double openMs = (System.nanoTime() - t0) / 1e6;
        double[] open = stallFigures();

        resetStalls();
        double cpu0 = fxCpuMs();
        List<String> nodes = onFx(() -> window.loadedProperty().get().graph().nodes().stream().map(n -> n.name()).toList());
        fx(p::showCode);
        for (int i = 0; i < 20; i++) {
            String n = nodes.get(i % nodes.size());
            fx(() -> window.graphView().selection().select(n));
            Thread.sleep(50);
        }
        double[] selecting = stallFigures();
        double selectCpu = (fxCpuMs() - cpu0) / 20;
        double cpu1 = fxCpuMs();

        resetStalls();
        List<Double> figures = new ArrayList<>();
        List<Double> programs = new ArrayList<>();
        List<Double> updates = new ArrayList<>();
        List<Double> compileCpu = new ArrayList<>();
        List<Double> gc = new ArrayList<>();
        List<String> layers = onFx(() -> new ArrayList<>(window.spec().layers().keySet()));
        QuantSpec opened = onFx(window::spec);
        List<QuantSpec> visited = new ArrayList<>();
        List<Double> revisits = new ArrayList<>();
        // Ten changes, each to a spec not seen before: a layer's width goes 1 below where it opened, 1 above,
        // 2 below, 2 above, ... (the workbench keeps the programs of recent specs, so going back to one shows
        // it at once; that is measured apart, after these).
        for (int i = 0; i < 13; i++) {
            boolean back = i >= 10;
            QuantSpec next;
            if (back) {
                next = visited.get(visited.size() - 1 - (i - 9)); // undo, three steps
            } else {
                String layer = layers.get(i % layers.size());
                int step = i / layers.size();
                int offset = (step / 2 + 1) * (step % 2 == 0 ? -1 : 1);
                next = onFx(() -> window.spec().withLayer(layer, window.spec().layer(layer)
                        .withActivationBits(opened.layer(layer).activationBits() + offset)));
                visited.add(next);
            }
            double compile0 = compileCpuMs();
            double gc0 = gcMs();
            long c0 = System.nanoTime();
            fx(() -> window.editSpec(next));
            // When the evaluation's figures (accuracy, errors) are in, and when the compiled program's (constraints,
            // limits) are, or why there is none: each timed on its own, as either may come first.
            double[] in = firstTimes(c0, () -> window.evaluatedProperty().get() != null
                    && next.equals(window.evaluatedProperty().get().spec()) && !window.evaluatingProperty().get(),
                    () -> !p.generatingProperty().get() && (p.generatedProperty().get() == null
                            || next.equals(p.generatedProperty().get().spec())));
            if (back) {
                revisits.add(in[1]);
                waitUntil(() -> p.code().shown().isEmpty()
                        || (next.equals(p.code().shown().get().spec()) && p.code().isUpToDate()), 300);
                continue;
            }
            figures.add(in[0]);
            programs.add(in[1]);
            compileCpu.add(compileCpuMs() - compile0);
            gc.add(gcMs() - gc0);
            // The Code tab shows the new program's text (or says why there is none).
            waitUntil(() -> p.code().shown().isEmpty()
                    || (next.equals(p.code().shown().get().spec()) && p.code().isUpToDate()), 300);
            updates.add((System.nanoTime() - c0) / 1e6);
        }
        double[] editing = stallFigures();
        double editCpu = (fxCpuMs() - cpu1) / 13;

        resetStalls();
        for (int i = 0; i < 3; i++) {
            fx(() -> p.tabs().getSelectionModel().select(0));
            Thread.sleep(100);
            fx(p::showCode);
            fx(() -> p.code().selectTab(true));
            Thread.sleep(300);
            fx(() -> p.code().selectTab(false));
            Thread.sleep(300);
            fx(p::showProving);
            Thread.sleep(100);
        }
        double[] tabs = stallFigures();

        double[] f = sorted(figures);
        double[] g = sorted(programs);
        double[] u = sorted(updates);
        double[] cc = sorted(compileCpu);
        double[] gcs = sorted(gc);
        double[] r = sorted(revisits);
        double worst = Math.max(Math.max(open[0], selecting[0]), Math.max(editing[0], tabs[0]));
        int instructions = onFx(() -> p.generatedProperty().get() == null ? 0 : (int) p.generatedProperty().get().instructionCount());
        out.printf(Locale.US, "%-20s%s load %4.1f-%4.1f | %,7d instructions | opened in %6.0f ms | longest FX stall:"
                        + " opening %5.0f ms, selecting %4.0f ms, bit-width changes %4.0f ms, tab switches %4.0f ms"
                        + " (worst %5.0f ms) | bit-width change, median (max): evaluation figures %5.0f (%5.0f) ms,"
                        + " program figures %5.0f (%5.0f) ms, code text %5.0f (%5.0f) ms | back to an earlier spec,"
                        + " program figures median (max) %4.0f (%4.0f) ms | FX-thread CPU per selection"
                        + " %4.1f ms, per bit-width change %4.1f ms | until the program figures, median (max): compile"
                        + " CPU %5.0f (%5.0f) ms, garbage collection %4.0f (%4.0f) ms%n",
                id, cold ? " (first, JIT cold)" : "", loadBefore, load(), instructions, openMs, open[0], selecting[0],
                editing[0], tabs[0], worst, f[f.length / 2], f[f.length - 1], g[g.length / 2], g[g.length - 1],
                u[u.length / 2], u[u.length - 1], r[r.length / 2], r[r.length - 1], selectCpu, editCpu, cc[cc.length / 2], cc[cc.length - 1],
                gcs[gcs.length / 2], gcs[gcs.length - 1]);
        out.flush();
    }

    private static double[] sorted(List<Double> ms) {
        return ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(5, TimeUnit.MINUTES);
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(s.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(5, TimeUnit.MINUTES);
    }

    /** Milliseconds from {@code c0} until each condition first held (polled together on the FX thread). */
    private static double[] firstTimes(long c0, BooleanSupplier a, BooleanSupplier b) throws Exception {
        double[] at = {-1, -1};
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (at[0] < 0 || at[1] < 0) {
            boolean[] now = onFx(() -> new boolean[] {a.getAsBoolean(), b.getAsBoolean()});
            double ms = (System.nanoTime() - c0) / 1e6;
            for (int k = 0; k < 2; k++) {
                if (at[k] < 0 && now[k]) {
                    at[k] = ms;
                }
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("gave up waiting after 300 s");
            }
            Thread.sleep(10);
        }
        return at;
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("gave up waiting after " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }
}
