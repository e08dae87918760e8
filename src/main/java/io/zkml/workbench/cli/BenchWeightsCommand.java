package io.zkml.workbench.cli;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.EstimatorChoice;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The committed-weights benchmark of issue #18: for every sample (calibrated spec), the exact
 * predicted circuit with constant, private-committed and pinned weights, and the overhead per
 * committed weight, (committed - constant) / parameters (goal: at most 20). The pinned program's
 * constant is computed with a stand-in hash: its value is one field constant either way, so the
 * circuit does not depend on it.
 */
@Command(name = "bench-weights", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark: constraints per committed weight for every sample (constant vs private-committed vs pinned).")
final class BenchWeightsCommand implements Callable<Integer> {

    static final double GOAL = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "sample-models", paramLabel = "DIR")
    Path models;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Option(names = "--tuned", description = "Also auto-tune each sample for its private-committed program "
            + "(at most 0.5 accuracy points below float, as `auto-tune --weights private-committed`) and price that spec.")
    boolean tuned;

    /**
     * A sample's spec auto-tuned for the committed program: the weight widths are the lever the per-bit cost
     * leaves (docs/ENCODING.md, "Committed weights").
     */
    record TunedRow(String sample, double floatAccuracy, double quantizedAccuracy, double bitsPerParameter,
                    long constant, long committed, int committedSrsLog2, double overheadPerWeight, String notTuned) {

        /** A sample auto-tune cannot tune (a regressor: its targets are about classes). */
        static TunedRow notTuned(String sample, String why) {
            return new TunedRow(sample, 0, 0, 0, 0, 0, 0, 0, why);
        }
    }

    record Bench(List<Row> calibrated, List<TunedRow> tuned) {
    }

    record Row(String sample, int parameters, double bitsPerParameter, long constant, long committed, long pinned, int committedSrsLog2,
               int pinnedSrsLog2, double overheadPerWeight, double marginalPerWeight) {
    }

    @Override
    public Integer call() throws Exception {
        List<Path> zips;
        try (Stream<Path> s = Files.list(models)) {
            zips = s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        List<Row> rows = new ArrayList<>();
        List<TunedRow> tunedRows = new ArrayList<>();
        ModelCompiler compiler = ModelCompiler.standard();
        WeightsSalt salt = WeightsSalt.parse("0");
        for (Path zip : zips) {
            ModelSession session = ModelSession.open(zip, null);
            QuantSpec q = session.calibrate();
            String specJson = new QuantSpecJson().toJson(q);
            CompileSettings base = CompileSettings.defaults().withSalt(salt);
            CompiledModel constant = compiler.compileWith(session, q, specJson, base, null);
            CompiledModel committed = compiler.compileWith(session, q, specJson,
                    base.withWeightsMode(WeightsMode.PRIVATE_COMMITTED), null);
            CompiledModel pinned = compiler.compileWith(session, q, specJson, base.withWeightsMode(WeightsMode.PINNED),
                    (algorithm, text) -> "1field");
            io.zkml.workbench.codegen.PackedWeights packed = io.zkml.workbench.codegen.PackedWeights.of(committed.quantized());
            int params = packed.parameters();
            CircuitInfo c0 = constant.cost().total();
            CircuitInfo c1 = committed.cost().total();
            CircuitInfo c2 = pinned.cost().total();
            rows.add(new Row(zip.getFileName().toString().replace(".zip", ""), params, (double) packed.valueBits() / params,
                    c0.constraints(), c1.constraints(),
                    c2.constraints(), committed.cost().srsDegreeLog2(), pinned.cost().srsDegreeLog2(),
                    (double) (c1.constraints() - c0.constraints()) / params,
                    (double) (c2.constraints() - c0.constraints()) / params));
            if (tuned) {
                try {
                    tunedRows.add(tune(compiler, session, base, zip));
                } catch (IllegalArgumentException e) {
                    tunedRows.add(TunedRow.notTuned(zip.getFileName().toString().replace(".zip", ""), e.getMessage()));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, tuned ? new Bench(rows, tunedRows) : rows);
            return ZkmlCli.OK;
        }
        out.printf("%-20s %7s %7s %9s %18s %18s %10s %10s%n", "sample", "params", "bits/w", "constant", "private-committed",
                "pinned", "overhead/w", "pinned/w");
        for (Row r : rows) {
            out.printf("%-20s %,7d %7.1f %,9d %,11d (2^%d) %,11d (2^%d) %10.1f %10.1f%n", r.sample(), r.parameters(),
                    r.bitsPerParameter(), r.constant(),
                    r.committed(), r.committedSrsLog2(), r.pinned(), r.pinnedSrsLog2(), r.overheadPerWeight(),
                    r.marginalPerWeight());
        }
        out.printf("overhead/w = (private-committed - constant) / parameters; goal <= %.0f. bits/w = packed bits per "
                + "parameter (its group's two's-complement width), which the per-weight cost grows with%n", GOAL);
        if (tuned) {
            out.printf("%nauto-tuned for the private-committed program (accuracy at most 0.5 points below float):%n");
            out.printf("%-20s %9s %9s %7s %9s %18s %10s%n", "sample", "float", "tuned", "bits/w", "constant",
                    "private-committed", "overhead/w");
            for (TunedRow r : tunedRows) {
                if (r.notTuned() != null) {
                    out.printf("%-20s not tuned: %s%n", r.sample(), r.notTuned());
                    continue;
                }
                out.printf("%-20s %8.2f%% %8.2f%% %7.1f %,9d %,11d (2^%d) %10.1f%n", r.sample(), 100 * r.floatAccuracy(),
                        100 * r.quantizedAccuracy(), r.bitsPerParameter(), r.constant(), r.committed(),
                        r.committedSrsLog2(), r.overheadPerWeight());
            }
        }
        return ZkmlCli.OK;
    }

    /** Auto-tunes with the committed program's exact cost, then prices the tuned spec both ways. */
    private static TunedRow tune(ModelCompiler compiler, ModelSession session, CompileSettings base, Path zip) {
        CompileSettings committed = base.withWeightsMode(WeightsMode.PRIVATE_COMMITTED);
        EstimatorChoice choice = EstimatorChoice.forModel(session, committed, null);
        AutoTuner.Result r = session.autoTune(AutoTuner.Target.maxAccuracyDrop(0.5), choice.estimator());
        String specJson = new QuantSpecJson().toJson(r.spec());
        CompiledModel c0 = compiler.compileWith(session, r.spec(), specJson, base, null);
        CompiledModel c1 = compiler.compileWith(session, r.spec(), specJson, committed, null);
        io.zkml.workbench.codegen.PackedWeights packed = io.zkml.workbench.codegen.PackedWeights.of(c1.quantized());
        int params = packed.parameters();
        long k0 = c0.cost().total().constraints();
        long k1 = c1.cost().total().constraints();
        return new TunedRow(zip.getFileName().toString().replace(".zip", ""), r.floatAccuracy(),
                r.chosen().quantizedAccuracy(), (double) packed.valueBits() / params, k0, k1,
                c1.cost().srsDegreeLog2(), (double) (k1 - k0) / params, null);
    }
}
