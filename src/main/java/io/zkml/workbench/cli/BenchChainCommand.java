package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.ChainPlan;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.FeeSummary;
import io.zkml.workbench.export.Fees;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
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
 * Issue #13's benchmark: for every sample (calibrated spec, constant weights), the program as one
 * function and as a chain under each maximum SRS degree per transition: total constraints, constraints
 * per weight, transitions, every program's predicted deployment fee and their total, and the estimated
 * proving time. Every figure comes from the compiled model ({@link ChainPlan}, the rows export.json and
 * {@code zkml cost} give); nothing is proven, so it runs in seconds.
 */
@Command(name = "bench-chain", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark: constraints, transitions, deployment fees and proving estimate of every sample, "
                + "as one program and split under a maximum SRS degree per transition.")
final class BenchChainCommand implements Callable<Integer> {

    /** Issue #13's goal for fashion-mlp: at most 100,000 constraints in all. */
    static final long GOAL_CONSTRAINTS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "sample-models", paramLabel = "DIR")
    Path models;

    @Option(names = "--only", split = ",", paramLabel = "SAMPLE", description = "Only these samples (file names "
            + "without .zip), e.g. fashion-mlp.")
    List<String> only;

    @Option(names = "--max-srs", split = ",", defaultValue = "16,18", paramLabel = "N",
            description = "Maximum SRS degrees (log2) per transition to split under, besides one program (default: 16,18).")
    List<Integer> maxSrs;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /**
     * One way of compiling one sample.
     *
     * @param maxSrsLog2 the cap it was split under, null for one program
     * @param plan       the compiled transitions, or null when the model cannot be compiled that way
     * @param refused    why not (the compiler's message), or null
     */
    record Row(String sample, long parameters, Integer maxSrsLog2, ChainPlan plan, FeeSummary fees,
               Double constraintsPerWeight, Integer largestSrsLog2, String refused) {
    }

    @Override
    public Integer call() throws Exception {
        List<Path> zips;
        try (Stream<Path> s = Files.list(models)) {
            zips = s.filter(p -> p.toString().endsWith(".zip"))
                    .filter(p -> only == null || only.contains(name(p))).sorted().toList();
        }
        if (zips.isEmpty()) {
            throw new WorkbenchException("no sample " + (only == null ? "" : only + " ") + "in " + models);
        }
        ModelCompiler compiler = ModelCompiler.standard();
        List<Row> rows = new ArrayList<>();
        for (Path zip : zips) {
            ModelSession session = ModelSession.open(zip, null);
            QuantSpec q = session.calibrate();
            String specJson = new QuantSpecJson().toJson(q);
            long params = session.graph().parameterCount();
            List<Integer> caps = new ArrayList<>();
            caps.add(null);
            caps.addAll(maxSrs);
            for (Integer cap : caps) {
                CompileSettings settings = CompileSettings.defaults()
                        .withPartitioning(cap == null ? Partitioning.NONE : new Partitioning(cap, List.of()));
                try {
                    CompiledModel m = compiler.compileWith(session, q, specJson, settings, null);
                    ModelCompiler.requireWithinLimits(m);
                    ChainPlan plan = ChainPlan.transitionsOf(m);
                    rows.add(new Row(name(zip), params, cap, plan, FeeSummary.of(m), params == 0 ? null
                            : (double) plan.totalConstraints() / params, m.srsDegreeLog2(), null));
                } catch (WorkbenchException e) {
                    rows.add(new Row(name(zip), params, cap, null, null, null, null, e.getMessage().replaceAll("\\s*\\R\\s*", " ")));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, rows);
            return ZkmlCli.OK;
        }
        out.printf("%-20s %-9s %11s %7s %12s %8s %7s %12s %14s %12s%n", "sample", "split", "transitions", "params",
                "constraints", "per wt", "max SRS", "exec credits", "deploy credits", "prove est.");
        for (Row r : rows) {
            String split = r.maxSrsLog2() == null ? "none" : "<=2^" + r.maxSrsLog2();
            if (r.plan() == null) {
                out.printf("%-20s %-9s refused: %s%n", r.sample(), split, r.refused());
                continue;
            }
            ChainPlan p = r.plan();
            out.printf("%-20s %-9s %11d %,7d %,12d %8.1f %7s %12s %14s %10.0f s%n", r.sample(), split,
                    p.transitions().size(), r.parameters(), p.totalConstraints(), r.constraintsPerWeight(),
                    "2^" + r.largestSrsLog2(), Fees.credits(r.fees().executionFeeMicrocredits()),
                    "~" + Fees.credits(r.fees().deploymentFeesEstimateMicrocredits()),
                    p.provingEstimate().synthesisSeconds() + p.provingEstimate().provingSeconds());
            if (p.transitions().size() > 1) {
                for (CostReport.TransitionRow t : p.transitions()) {
                    out.printf("%-20s   %-28s %,12d constraints, SRS 2^%d, %,d execution bytes, deploy ~%s credits%n",
                            "", t.programId(), t.constraints(), t.srsDegreeLog2(), t.executionBytes(),
                            Fees.credits(t.deploymentFeeEstimateMicrocredits()));
                }
            }
        }
        out.printf("per wt = constraints / parameters (Aleo's own transpiler spends about 600). Exec credits: one "
                + "execution's fee, snarkVM's storage cost of its size in bytes with the batch proof (exact). Deploy "
                + "credits: every program's deployment fee by snarkVM's formula with its text's characters as bytes, "
                + "added up (an estimate, within ±%d %% of snarkVM's where measured). Prove est.: key synthesis and "
                + "proof of every transition, from export.ProvingEstimate (measured at 2^16, doubled per degree above). "
                + "Goal for fashion-mlp: at most %,d constraints.%n", Fees.DEPLOYMENT_ESTIMATE_ERROR_PERCENT,
                GOAL_CONSTRAINTS);
        return ZkmlCli.OK;
    }

    private static String name(Path zip) {
        String f = zip.getFileName().toString();
        return f.substring(0, f.length() - ".zip".length());
    }
}
