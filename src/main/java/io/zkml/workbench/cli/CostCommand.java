package io.zkml.workbench.cli;

import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Predict the proof's circuit size per layer, the SRS degree, proving time and memory, and check Aleo's limits.",
                "Exit code 1 when a blocking limit fails (the full report is printed first)."})
final class CostCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Mixin
    CompileOptions compile;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** Hashes pinned weights with this sidecar instead of starting one (null: start one when needed). */
    private final SidecarClient shared;

    CostCommand() {
        this(null);
    }

    CostCommand(SidecarClient shared) {
        this.shared = shared;
    }

    private static String prediction(boolean exact, Long errorBound, java.util.List<String> unmeasured) {
        return exact ? "exact (every instruction priced by snarkVM's gadget rules or measured; inputs, outputs and hashes"
                + " of measured shapes)"
                : (errorBound == null ? "estimated (no bound: a part is not priced)"
                : String.format("estimated ± %,d constraints", errorBound))
                + "; not measured or not verified on this shape: " + unmeasured;
    }

    @Override
    public Integer call() throws Exception {
        ModelSession session = inputs.open();
        CompiledModel m = compile.compile(inputs, session, shared);
        SidecarConfig config = SidecarConfig.fromEnvironment();
        CircuitInfo measured = new KeyCache(config.keyCacheDir()).circuit(m.aleoText(), m.function()).orElse(null);
        CostReport r = CostReport.of(m, config.paramsDir(), measured);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, r);
            o.flush();
            return exitCode(r);
        }
        o.printf("%s (%s)%n", r.programId(), r.model());
        o.printf("%-16s %12s %12s %12s %12s %12s%n", "layer", "constraints", "variables", "nonZeroA", "nonZeroB", "nonZeroC");
        for (CostReport.LayerCost l : r.layers()) {
            o.printf("%-16s %,12d %,12d %,12d %,12d %,12d%n", l.label(), l.constraints(), l.variables(), l.nonZeroA(),
                    l.nonZeroB(), l.nonZeroC());
        }
        CircuitInfo t = r.total();
        o.printf("%-16s %,12d %,12d %,12d %,12d %,12d%n", "total", t.constraints(), t.variables(), t.nonZeroA(),
                t.nonZeroB(), t.nonZeroC());
        if (measured != null) {
            o.printf("%-16s %,12d %,12d %,12d %,12d %,12d%n", "snarkVM (cached)", measured.constraints(),
                    measured.variables(), measured.nonZeroA(), measured.nonZeroB(), measured.nonZeroC());
        }
        if (r.transitions() != null) {
            o.printf("%d transitions (one execution, one batch proof; the rows above are the entry's):%n",
                    r.transitions().size());
            o.printf("  %-24s %-22s %12s %12s %12s %12s %12s %5s %8s %10s %10s %s%n", "program", "layers", "constraints",
                    "variables", "nonZeroA", "nonZeroB", "nonZeroC", "SRS", "instr", "chars", "exec bytes",
                    "deploy fee ~ (credits)");
            for (CostReport.TransitionRow row : r.transitions()) {
                o.printf("  %-24s %-22s %,12d %,12d %,12d %,12d %,12d %5s %,8d %,10d %,10d %s%s%n", row.programId(),
                        String.join(",", row.layers()), row.constraints(), row.variables(), row.nonZeroA(), row.nonZeroB(),
                        row.nonZeroC(), "2^" + row.srsDegreeLog2(), row.instructions(), row.characters(),
                        row.executionBytes(), io.zkml.workbench.export.Fees.credits(row.deploymentFeeEstimateMicrocredits()),
                        row.predictionExact() ? "" : " (estimate)");
            }
            o.printf("  %-24s %-22s %,12d%n", "all transitions", "", r.chain().constraints());
        }
        o.printf("fees: %s%n", r.fees().describe());
        // A chain's prediction is that of all its transitions, as the dashboard's total gives it.
        CostReport.ChainTotal chain = r.chain();
        o.printf("prediction%s: %s%n", chain == null ? "" : " (all transitions)",
                chain == null ? prediction(r.predictionExact(), r.predictionErrorBound(), r.unmeasuredCostKeys())
                        : prediction(chain.predictionExact(), chain.predictionErrorBound(), chain.unmeasuredCostKeys()));
        o.printf("SRS degree needed: 2^%d; offline parameters (2^%d in %s): %s%n", r.srsDegreeLog2(), r.offlineSrsLog2(),
                r.paramsDir(), r.offlineParametersSuffice() ? "suffice" : "do not suffice (proving downloads the files)");
        o.printf("estimated: key synthesis %.0f s (once per program), proof %.0f s, peak memory %.0f MB%n  basis: %s%n",
                r.estimate().synthesisSeconds(), r.estimate().provingSeconds(), r.estimate().peakMemoryMb(),
                r.estimate().basis());
        CostReport.LimitsSummary summary = CostReport.LimitsSummary.of(r.limits());
        String offline = summary.offline(r.offlineSrsLog2());
        o.printf("Aleo limits (consensus %s): %s%s%n", r.consensus(), summary.aleoLimits(),
                offline.isEmpty() ? "" : "; " + offline);
        for (CostReport.LimitRow c : r.limits()) {
            String allowed = c.allowed() == Long.MAX_VALUE ? "no limit" : String.format("%,d", c.allowed());
            o.printf("  %-4s %-28s %,12d %s %-10s %s%s%n", c.passed() ? "ok" : "FAIL", c.limit(), c.actual(),
                    c.passed() ? "<=" : "> ", allowed, c.what(),
                    c.passed() || c.blocking() ? "" : " (not blocking: proving downloads the parameter files)");
        }
        o.flush();
        return exitCode(r);
    }

    /** The report is printed in full either way; a blocking limit that fails makes it exit 1, like export. */
    private int exitCode(CostReport r) {
        List<String> failed = r.limits().stream().filter(c -> !c.passed() && c.blocking())
                .map(CostReport.LimitRow::limit).distinct().toList();
        if (failed.isEmpty()) {
            return ZkmlCli.OK;
        }
        spec.commandLine().getErr().println("error: the program does not fit Aleo's limits (" + String.join(", ", failed)
                + "); export would refuse it");
        return ZkmlCli.USER_ERROR;
    }
}
