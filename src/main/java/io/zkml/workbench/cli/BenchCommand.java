package io.zkml.workbench.cli;

import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.Dl4jReference;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.quant.Calibrator;
import io.zkml.workbench.quant.ErrorMetrics;
import io.zkml.workbench.quant.FloatReference;
import io.zkml.workbench.quant.IncrementalEvaluator;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.ReferenceActivations;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.samples.SampleInfo;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Timing of the simulator against DL4J and of incremental against full re-evaluation, on the whole
 * digits dataset. A measurement, not a test: medians of repeated runs after warm-up, printed with
 * the machine's core count and load so noisy numbers are recognisable as such.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark: integer simulation vs DL4J inference, incremental vs full re-evaluation.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "sample-models/digits-cnn.zip", paramLabel = "MODEL")
    Path model;

    @Option(names = "--data", split = ",", paramLabel = "CSV",
            defaultValue = "sample-models/data/digits-cnn-train.csv,sample-models/data/digits-cnn-test.csv",
            description = "Dataset CSVs, concatenated (default: all 1,797 digits).")
    List<Path> data;

    @Option(names = "--repeat", defaultValue = "21", description = "Timed runs per measurement (median reported).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed runs before each measurement.")
    int warmup;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    private long blackhole;

    /** Medians in milliseconds. */
    record BenchJson(String model, int samples, int cores, double loadAverage, int repeat,
                     double integerSimulationMs, double dl4jOutputMs, double simulationVsDl4j,
                     double fullResimulationMs, double incrementalResimulationMs, double simulationSpeedup,
                     double fullEvaluationMs, double incrementalEvaluationMs, double evaluationSpeedup,
                     int layersRecomputed, int layers) {
    }

    @Override
    public Integer call() throws Exception {
        ModelGraph graph = new ModelImporter().importModel(model);
        float[][] x = normalizedRows(graph);
        QuantSpec a = new Calibrator().propose(graph, x);
        String last = graph.outputs().get(0);
        QuantSpec b = a.withLayer(last, a.layer(last).withActivationBits(a.layer(last).activationBits() - 1));

        IntegerSimulator sim = new IntegerSimulator();
        double intMs = medianMs(() -> sim.run(QuantizedGraphBuilder.build(graph, a), x).batch());

        Dl4jReference dl4j = Dl4jReference.restore(model);
        INDArray batch = Nd4j.create(x);
        double dl4jMs = medianMs(() -> dl4j.output(batch).length());

        // Re-simulation after editing the output layer's width: incremental vs from scratch.
        ModelGraph prepared = QuantizedGraphBuilder.prepare(graph, a);
        ReferenceActivations ref = FloatReference.interpreter(prepared, x, "bench");
        IncrementalEvaluator inc = new IncrementalEvaluator(graph, x, null, null, g -> ref);
        QuantSpec[] flip = {a, b};
        int[] turn = {0};
        inc.evaluate(a);
        double fullSimMs = medianMs(() -> sim.run(QuantizedGraphBuilder.build(graph, flip[turn[0]++ & 1]), x).batch());
        double incSimMs = medianMs(() -> inc.simulate(flip[turn[0]++ & 1]).batch());
        int recomputed = inc.lastRecomputed();
        double fullEvalMs = medianMs(() -> {
            QuantSpec s = flip[turn[0]++ & 1];
            QuantizedGraph q = QuantizedGraphBuilder.build(graph, s);
            SimulationResult r = sim.run(q, x);
            return ErrorMetrics.evaluateAgainst(prepared, r, ref, null, null).layers().size();
        });
        double incEvalMs = medianMs(() -> inc.evaluate(flip[turn[0]++ & 1]).layers().size());

        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        BenchJson r = new BenchJson(graph.name(), x.length, cores, load, repeat, intMs, dl4jMs, intMs / dl4jMs,
                fullSimMs, incSimMs, fullSimMs / incSimMs, fullEvalMs, incEvalMs, fullEvalMs / incEvalMs,
                recomputed, prepared.nodes().size());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, r);
            return ZkmlCli.OK;
        }
        out.printf("%s, %d samples; %d cores, load average %.2f; medians of %d runs after %d warm-up%n",
                r.model(), r.samples(), cores, load, repeat, warmup);
        out.printf("integer simulation          %9.2f ms%n", intMs);
        out.printf("DL4J output (one batch)     %9.2f ms%n", dl4jMs);
        out.printf("  simulation / DL4J         %9.2fx  (goal <= 1.5x)%n", r.simulationVsDl4j());
        out.printf("full re-simulation          %9.2f ms%n", fullSimMs);
        out.printf("incremental re-simulation   %9.2f ms  (%d of %d layers recomputed)%n", incSimMs, recomputed,
                r.layers());
        out.printf("  speed-up                  %9.2fx  (goal >= 3x)%n", r.simulationSpeedup());
        out.printf("full re-evaluation          %9.2f ms  (simulation + per-layer metrics)%n", fullEvalMs);
        out.printf("incremental re-evaluation   %9.2f ms%n", incEvalMs);
        out.printf("  speed-up                  %9.2fx  (goal >= 3x)%n", r.evaluationSpeedup());
        out.flush();
        return ZkmlCli.OK;
    }

    private float[][] normalizedRows(ModelGraph graph) throws Exception {
        List<String> classes = ModelSession.sampleFor(model).map(SampleInfo::classNames).orElse(List.of());
        List<float[]> rows = new ArrayList<>();
        for (Path csv : data) {
            Dataset d = classes.isEmpty() ? new CsvDatasetReader().read(csv) : new CsvDatasetReader().read(csv, classes);
            for (float[] row : d.features()) {
                rows.add(graph.normalizer().map(n -> n.apply(row)).orElse(row));
            }
        }
        return rows.toArray(new float[0][]);
    }

    private double medianMs(LongSupplier run) {
        long sink = blackhole;
        for (int i = 0; i < warmup; i++) {
            sink += run.getAsLong();
        }
        double[] ms = new double[Math.max(1, repeat)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            sink += run.getAsLong();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        blackhole = sink; // keeps the results observable so the JIT cannot drop the work
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
