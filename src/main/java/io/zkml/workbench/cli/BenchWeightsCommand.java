package io.zkml.workbench.cli;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.export.CompileSettings;
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
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, rows);
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
        return ZkmlCli.OK;
    }
}
