package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.CircuitInfo;
import io.zkml.workbench.prove.ProofResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.SynthesisResult;
import io.zkml.workbench.prove.VerifyResult;
import io.zkml.workbench.project.SamplesFolder;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times snarkVM on the bundled samples whose circuit fits the local SRS: key synthesis, proof and
 * verification of the first test row, once on one thread and once with the thread pool on every
 * core. Each run starts its own sidecar with an empty key cache, so synthesis is really measured.
 * A measurement, not a test: one run per setting (a synthesis takes a minute or two here).
 */
@Command(name = "bench-prove", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark: snarkVM key synthesis, proving and verification per sample, 1 thread vs all cores.")
final class BenchProveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "SAMPLE", description = "Samples to measure (default: every one that fits the local SRS).")
    List<String> only;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** Times in milliseconds; {@code threads} as the sidecar reported them. */
    record Run(int threadsRequested, String threads, long synthesisMs, long provingMs, long verifyMs, boolean valid) {
    }

    record SampleBench(String sample, String programId, long constraints, int srsDegreeLog2, Run singleThread,
                       Run allCores, double synthesisSpeedup, double provingSpeedup) {
    }

    record BenchJson(int cores, double loadAverageAtStart, List<SampleBench> samples, List<String> skipped) {
    }

    @Override
    public Integer call() throws Exception {
        Path dir = SamplesFolder.fromSystem().find()
                .orElseThrow(() -> new WorkbenchException("the sample-models folder was not found; run from the source tree"));
        int cores = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path paramsDir = SidecarConfig.fromEnvironment().paramsDir();
        CliProgress progress = CliProgress.forCommand(json);
        PrintWriter err = json ? null : spec.commandLine().getErr();
        List<SampleBench> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SampleInfo info : SampleCatalog.all()) {
            if (only != null && !only.contains(info.name())) {
                continue;
            }
            ModelSession session = ModelSession.open(info.modelPath(dir), null);
            QuantSpec quant = session.calibrate();
            CompiledModel m = ModelCompiler.standard().compile(session, quant, new QuantSpecJson().toJson(quant));
            CostReport cost = CostReport.of(m, paramsDir, null);
            if (!cost.offlineParametersSuffice() || !m.hardViolations().isEmpty()) {
                skipped.add(info.name() + " (SRS 2^" + cost.srsDegreeLog2() + "; the local parameters in " + paramsDir
                        + " go to 2^" + cost.offlineSrsLog2() + ")");
                continue;
            }
            List<String> inputs = ModelExport.testRows(session, m).get(0).inputs();
            if (err != null) {
                err.printf("%s: %,d constraints predicted; measuring on 1 thread, then on %d%n", info.name(),
                        m.cost().total().constraints(), cores);
                err.flush();
            }
            Measured one;
            try {
                one = measure(m, inputs, 1, progress, err);
            } catch (SidecarException e) {
                if (!SidecarException.MISSING_PARAMETER.equals(e.code())) {
                    throw e;
                }
                // The prediction's SRS degree is an estimate; snarkVM's own request decides.
                skipped.add(info.name() + " (snarkVM asked for SRS parameters not in " + paramsDir + ": "
                        + e.getMessage() + ")");
                continue;
            }
            Measured all = measure(m, inputs, cores, progress, err);
            results.add(new SampleBench(info.name(), m.programId(), one.constraints, m.cost().srsDegreeLog2(),
                    one.run, all.run, ratio(one.run.synthesisMs(), all.run.synthesisMs()),
                    ratio(one.run.provingMs(), all.run.provingMs())));
        }
        BenchJson r = new BenchJson(cores, load, results, skipped);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, r);
            return ZkmlCli.OK;
        }
        out.printf("%d cores, load average %.2f at start; one run per setting, fresh key cache each%n", cores, load);
        out.printf("%-18s %11s %7s %-19s %11s %11s %9s%n", "sample", "constraints", "threads", "", "synthesis", "proof", "verify");
        for (SampleBench b : results) {
            for (Run x : List.of(b.singleThread(), b.allCores())) {
                out.printf("%-18s %,11d %7d %-19s %9.1f s %9.1f s %7.2f s%s%n", b.sample(), b.constraints(),
                        x.threadsRequested(), "(" + x.threads() + ")", x.synthesisMs() / 1e3, x.provingMs() / 1e3,
                        x.verifyMs() / 1e3, x.valid() ? "" : "  INVALID");
            }
            out.printf("%-18s thread-pool speed-up: synthesis %.2fx, proof %.2fx%n", "", b.synthesisSpeedup(),
                    b.provingSpeedup());
        }
        skipped.forEach(s -> out.println("skipped " + s));
        out.flush();
        return ZkmlCli.OK;
    }

    private record Measured(Run run, long constraints) {
    }

    private static Measured measure(CompiledModel m, List<String> inputs, int threads, CliProgress progress,
                                    PrintWriter err) throws IOException {
        Path keys = Files.createTempDirectory("zkml-bench-keys-");
        SidecarConfig config = SidecarConfig.fromEnvironment().withKeyCacheDir(keys).withThreads(threads);
        try (CliProgress.SidecarBars bars = progress.sidecar(err);
             SidecarClient client = new SidecarClient(config, bars)) {
            String pool = client.ping().threads();
            SynthesisResult s = client.synthesize(m.aleoText(), m.function(), inputs);
            ProofResult p = client.prove(m.aleoText(), m.function(), inputs);
            long t0 = System.nanoTime();
            VerifyResult v = client.verify(m.aleoText(), m.function(), p.execution(), p.verifyingKey());
            long verifyMs = (System.nanoTime() - t0) / 1_000_000;
            CircuitInfo c = s.circuit();
            return new Measured(new Run(threads, pool, s.synthesisMs(), p.provingMs(), verifyMs, v.valid()),
                    c == null ? -1 : c.constraints());
        } finally {
            try (Stream<Path> files = Files.walk(keys)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static double ratio(long single, long pooled) {
        return pooled == 0 ? Double.NaN : (double) single / pooled;
    }
}
