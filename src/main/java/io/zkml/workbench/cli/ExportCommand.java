package io.zkml.workbench.cli;

import io.zkml.workbench.export.ChainPlan;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.Fees;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarUnavailableException;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a Leo project (src/main.leo, build/main.aleo, inputs/samples.json, quant.json, README.md).")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    @Mixin
    CompileOptions compile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder of the Leo project to write.")
    Path out;

    @Option(names = "--force", description = "Replace the exported files in --out when it exists and is not empty;"
            + " other files there (e.g. Leo's .env) are left alone.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    record ExportJson(String dir, ExportManifest manifest, int sampleRows, boolean needsDownloadedSrs) {
    }

    /** Hashes pinned weights with this sidecar instead of starting one (null: start one when needed). */
    private final SidecarClient shared;

    ExportCommand() {
        this(null);
    }

    ExportCommand(SidecarClient shared) {
        this.shared = shared;
    }

    /**
     * A private-committed program returns its weights commitment, which only snarkVM computes, so the
     * export asks a sidecar for it to write into {@code inputs/samples.json}; without Node.js the project
     * is still written, without that expected output, and the user is told.
     */
    private ModelExport.Result export(ModelSession session, CompiledModel m) {
        ModelExport export = new ModelExport(ModelCompiler.standard());
        if (m.weightsMode() != WeightsMode.PRIVATE_COMMITTED) {
            return export.export(session, m, out, force);
        }
        try {
            if (shared != null) {
                return export.export(session, m, out, force, shared.fieldHash());
            }
            try (SidecarClient client = new SidecarClient()) {
                return export.export(session, m, out, force, client.fieldHash());
            }
        } catch (SidecarUnavailableException e) {
            spec.commandLine().getErr().println("note: inputs/samples.json lists the model's outputs without the "
                    + "weights commitment the program also returns (computing it needs snarkVM: " + e.getMessage() + ")");
            return export.export(session, m, out, force);
        }
    }

    @Override
    public Integer call() throws Exception {
        ModelSession session = inputs.open();
        CompiledModel m = compile.compile(inputs, session, shared);
        ModelExport.Result r = export(session, m);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, new ExportJson(out.toAbsolutePath().toString(), r.manifest(), r.rows().size(),
                    m.needsDownloadedSrs()));
            return ZkmlCli.OK;
        }
        if (m.isChain()) {
            ChainPlan plan = r.manifest().chain();
            o.printf("exported %s and the %d programs it calls to %s (a Leo workspace, one package per program)%n",
                    m.programId(), m.segments().size() - 1, out);
            o.printf("  cut after %s; %,d constraints in %d transitions, one execution %s credits, deployment fees "
                    + "about %s credits (estimate), %d sample rows in inputs/samples.json%n",
                    plan.cuts().describe(), plan.totalConstraints(), plan.transitions().size(),
                    Fees.credits(r.manifest().fees().executionFeeMicrocredits()),
                    Fees.credits(r.manifest().fees().deploymentFeesEstimateMicrocredits()), r.rows().size());
            for (CostReport.TransitionRow t : plan.transitions()) {
                o.printf("  %-28s %,9d constraints (SRS 2^%d) %,7d instructions%n", t.programId(), t.constraints(),
                        t.srsDegreeLog2(), t.instructions());
            }
        } else {
            o.printf("exported %s to %s%n", m.programId(), out);
            o.printf("  %d instructions, predicted %,d constraints (SRS 2^%d), %d sample rows in inputs/samples.json%n",
                    m.program().body().size(), m.cost().total().constraints(), m.cost().srsDegreeLog2(), r.rows().size());
        }
        if (m.needsDownloadedSrs()) {
            o.printf("  note: the circuit needs SRS 2^%d; proving downloads its parameter files%n", m.srsDegreeLog2());
        }
        o.flush();
        return ZkmlCli.OK;
    }
}
