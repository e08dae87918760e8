package io.zkml.workbench.export;

import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * By hand, not a test: times the workbench's recompile after a one-layer bit-width change, in process
 * (the compile the code generator's thread runs: {@code compileWith} with the editor's prices). Each
 * change moves one layer's activation bits by one, layer after layer as {@code --bench-ui} does; it
 * prints the median and maximum wall time, the compile's CPU time (the compiling thread's and the common
 * fork-join pool's, where it runs work side by side), which does not depend on what else the machine runs,
 * and the whole process's, which counts the collector's work the compile's allocations cause (and the JIT's),
 * and the megabytes the compile allocated, which the collector's work follows and which hardly vary from run
 * to run.
 * <p>
 * {@code java -cp target/test-classes:target/classes:CP io.zkml.workbench.export.RecompileBenchmark [sample] [changes] [repeats]}
 * ({@code -Dbench.each=true}: each change's figures too)
 */
public final class RecompileBenchmark {

    public static void main(String[] args) throws Exception {
        String sample = args.length > 0 ? args[0] : "fashion-cnn";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // Each change made this many times (undone in between, untimed), its least time kept: the same work
        // each time, so the minimum leaves out what else the shared machine was doing.
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        ModelSession session = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
        QuantSpec spec = session.calibrate();
        ModelCompiler compiler = ModelCompiler.standard();
        SegmentPrices prices = new SegmentPrices();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CompiledModel first = compile(compiler, session, spec, prices);
        System.out.printf("%s: %d program(s), %d constraints%n", sample, first.segments().size(),
                first.segments().stream().mapToLong(s -> s.cost().total().constraints()).sum());
        List<String> layers = new ArrayList<>(spec.layers().keySet());
        double[] wall = new double[n];
        double[] cpu = new double[n];
        double[] process = new double[n];
        double[] allocated = new double[n];
        com.sun.management.ThreadMXBean heap = (com.sun.management.ThreadMXBean) mx;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < n; i++) {
            String layer = layers.get(i % layers.size());
            int delta = (i / layers.size()) % 2 == 0 ? -1 : 1;
            LayerQuant q = spec.layer(layer);
            QuantSpec before = spec;
            spec = spec.withLayer(layer, q.withActivationBits(q.activationBits() + delta));
            wall[i] = Double.MAX_VALUE;
            cpu[i] = Double.MAX_VALUE;
            process[i] = Double.MAX_VALUE;
            allocated[i] = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                if (r > 0) {
                    compile(compiler, session, before, prices); // undone, so the change is made (and priced) again
                }
                long c0 = compileThreads(heap, false);
                long p0 = os.getProcessCpuTime();
                long a0 = compileThreads(heap, true);
                long w0 = System.nanoTime();
                compile(compiler, session, spec, prices);
                process[i] = Math.min(process[i], (os.getProcessCpuTime() - p0) / 1e6);
                allocated[i] = Math.min(allocated[i], (compileThreads(heap, true) - a0) / 1e6);
                wall[i] = Math.min(wall[i], (System.nanoTime() - w0) / 1e6);
                cpu[i] = Math.min(cpu[i], (compileThreads(heap, false) - c0) / 1e6);
            }
            if (Boolean.getBoolean("bench.each")) {
                System.out.printf("  change %d (%s %+d): wall %.0f ms, CPU %.0f ms, process CPU %.0f ms, allocated %.0f MB%n", i,
                        layer, delta, wall[i], cpu[i], process[i], allocated[i]);
            }
        }
        // The total too: the median is one change's figure (which layer it moved decides most of it), the
        // total moves less with what else the machine runs.
        System.out.printf("%s, %d changes" + (repeats > 1 ? " (least of " + repeats + " each)" : "") + ": wall median %.0f ms (max %.0f), CPU median %.0f ms (max %.0f, total %.0f), process CPU median %.0f ms, allocated median %.0f MB; "
                        + "candidates reused/lowered %s (%d of them over a limit of their text, not priced), instructions priced from kept states %d%n", sample, n, median(wall),
                max(wall), median(cpu), max(cpu), Arrays.stream(cpu).sum(), median(process), median(allocated), Arrays.toString(prices.hitsAndMisses()),
                prices.unpriced(), prices.resumedInstructions());
    }

    private static CompiledModel compile(ModelCompiler compiler, ModelSession session, QuantSpec spec,
                                         SegmentPrices prices) {
        return compiler.compileWith(session, spec, new QuantSpecJson().toJson(spec), CompileSettings.defaults(), null,
                prices, () -> false);
    }

    /**
     * The CPU nanoseconds (or bytes allocated) of the compiling thread and the common fork-join pool's workers,
     * where the compile runs its side-by-side work (a chain search's starts, a chain's programs).
     */
    private static long compileThreads(com.sun.management.ThreadMXBean mx, boolean allocated) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t.getName().startsWith("ForkJoinPool.commonPool-worker")) {
                sum += Math.max(0, allocated ? mx.getThreadAllocatedBytes(t.getId()) : mx.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(0);
    }
}
