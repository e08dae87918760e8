package io.zkml.workbench.cli;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ModelCheck;
import io.zkml.workbench.bundle.ModelChecks;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.prove.SidecarClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a proof bundle (or every bundle in a folder) with snarkVM and check its claims. "
                + "Exit 0 valid, 2 a check failed, 1 unreadable input.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE_OR_DIR", description = "A bundle zip (or unzipped bundle folder), or a folder of bundles.")
    Path target;

    @Option(names = "--model", paramLabel = "MODEL", description = "Your copy of the model: check its SHA-256 and that it (with the spec) produces the bundle's program.")
    Path model;

    @Option(names = "--salt", paramLabel = "HEX", description = "With --model: the owner's salt of a salted weights "
            + "commitment (weights-salt.txt of the exported project), to recompute the commitment.")
    String salt;

    @Option(names = "--quant", paramLabel = "QUANT_JSON", description = "With --model: the spec to export with (default: the bundle's quant.json).")
    Path quant;

    @Option(names = "--data", paramLabel = "CSV", description = "With --model: its dataset (only for class names).")
    Path data;

    @Option(names = "--json", description = "Print one JSON document; no progress on stderr.")
    boolean json;

    private final SidecarSource sidecars;

    VerifyCommand() {
        this(null);
    }

    VerifyCommand(SidecarClient shared) {
        this.sidecars = new SidecarSource(shared);
    }

    @Override
    public Integer call() throws Exception {
        List<Path> bundles = bundles();
        PrintWriter err = json ? null : spec.commandLine().getErr();
        CliProgress progress = CliProgress.forCommand(json);
        List<VerificationReport> reports = new ArrayList<>();
        try (SidecarSource.Lease lease = sidecars.open(progress, err);
             CliProgress.Bar bar = bundles.size() > 1 ? progress.start("verify", bundles.size()) : null) {
            lease.bars().hostedBy(bar);
            BundleVerifier verifier = new BundleVerifier(lease.client, lease.bars()::note);
            for (Path p : bundles) {
                ProofBundle b = ProofBundle.read(p);
                reports.add(verifier.verify(p.toString(), b, modelCheck(b, lease.client)));
                if (bar != null) {
                    bar.step();
                }
            }
        }
        boolean allValid = reports.stream().allMatch(VerificationReport::valid);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(o, reports.size() == 1 && ProofBundle.isBundle(target) ? reports.get(0) : reports);
        } else if (reports.size() == 1 && ProofBundle.isBundle(target)) {
            print(o, reports.get(0));
        } else {
            o.printf("%-40s %-6s %s%n", "bundle", "valid", "failed checks");
            for (VerificationReport r : reports) {
                o.printf("%-40s %-6s %s%n", Path.of(r.bundle()).getFileName(), r.valid() ? "yes" : "NO",
                        r.failures().stream().map(c -> c.name() + ": " + c.detail()).reduce((a, b) -> a + "; " + b).orElse(""));
            }
            o.printf("%d of %d bundles valid%n", reports.stream().filter(VerificationReport::valid).count(), reports.size());
        }
        o.flush();
        return allValid ? ZkmlCli.OK : ZkmlCli.VERIFICATION_FAILED;
    }

    private static void print(PrintWriter o, VerificationReport r) {
        o.println(r.statement());
        for (VerificationReport.Check c : r.checks()) {
            o.printf("  [%s] %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.detail());
        }
        if (!r.valid()) {
            o.println("NOT VALID: " + r.failures().size() + " check(s) failed: "
                    + String.join(", ", r.failures().stream().map(VerificationReport.Check::name).toList()));
        }
    }

    private List<Path> bundles() throws IOException {
        if (!Files.exists(target)) {
            throw new WorkbenchException(target + " does not exist; pass a bundle zip written by `zkml prove` or a folder of them");
        }
        if (ProofBundle.isBundle(target)) {
            return List.of(target);
        }
        if (!Files.isDirectory(target)) {
            throw new WorkbenchException(target + " is not a proof bundle (a .zip written by `zkml prove`)");
        }
        List<Path> found;
        try (Stream<Path> s = Files.list(target)) {
            found = s.filter(ProofBundle::isBundle).sorted().toList();
        }
        if (found.isEmpty()) {
            throw new WorkbenchException(target + " holds no proof bundles (*.zip or bundle folders)");
        }
        return found;
    }

    /** Re-exports the auditor's model; a model that cannot produce a program fails the check, not the command. */
    private Optional<ModelCheck> modelCheck(ProofBundle b, SidecarClient client) throws Exception {
        if (model == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("--model " + model + " does not exist");
        }
        String specJson;
        if (quant != null) {
            specJson = Files.readString(quant);
        } else if (!b.quantJson().isBlank()) {
            specJson = b.quantJson();
        } else {
            throw new WorkbenchException("the bundle has no quant.json; pass the spec with --quant");
        }
        io.zkml.workbench.codegen.WeightsSalt s;
        try {
            s = salt == null ? null : io.zkml.workbench.codegen.WeightsSalt.parse(salt);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("--salt: " + e.getMessage(), e);
        }
        return Optional.of(ModelChecks.of(model, specJson, data, b, (algorithm, text) -> client.hash(algorithm, text, "field"), s));
    }
}
