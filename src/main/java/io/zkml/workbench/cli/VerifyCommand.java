package io.zkml.workbench.cli;

import io.zkml.workbench.io.BoundedText;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.bundle.BundleRejectedException;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ModelCheck;
import io.zkml.workbench.bundle.ModelChecks;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ReportParts;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.bundle.VerificationReport.Outcome;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.prove.SidecarClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        description = {"Verify a proof bundle (or every bundle in a folder) with snarkVM and check its claims. "
                + "The report keeps apart what the proof establishes, what the bundle only claims, and what is not established.",
                "Exit codes: 0 valid; 2 not valid (the proof or a claim failed, or the bundle is malformed); "
                        + "1 unreadable input; 4 could not check on this machine (no Node.js, missing SRS parameters, "
                        + "the sidecar stopped): no verdict on the proof, fix the machine and run again. "
                        + "For a folder: 2 if any bundle is not valid, else 1 if any is unreadable, else 4 if any could not be checked."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE_OR_DIR", description = "A bundle zip (or unzipped bundle folder), or a folder of bundles.")
    Path target;

    @Option(names = "--model", paramLabel = "MODEL", description = "Your copy of the model: check its SHA-256, that it (with the spec) produces the bundle's program, and read the outputs with its class names instead of the bundle's.")
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

    @Option(names = "--summary", paramLabel = "JSON", description = "Also write every bundle's outcome to this JSON file.")
    Path summary;

    /** A bundle in a folder that could not be read at all; the others are still verified. */
    record Unreadable(String bundle, String outcome, String error) {
    }

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
        boolean single = bundles.size() == 1 && ProofBundle.isBundle(target);
        if (model != null && !Files.isRegularFile(model)) {
            throw new WorkbenchException("--model " + model + " does not exist");
        }
        PrintWriter err = json ? null : spec.commandLine().getErr();
        CliProgress progress = CliProgress.forCommand(json);
        List<Object> results = new ArrayList<>();
        try (SidecarSource.Lease lease = sidecars.open(progress, err);
             CliProgress.Bar bar = bundles.size() > 1 ? progress.start("verify", bundles.size()) : null) {
            lease.bars().hostedBy(bar);
            BundleVerifier verifier = new BundleVerifier(lease.client, lease.bars()::note);
            for (Path p : bundles) {
                results.add(verifyOne(p, single, verifier, lease.client));
                if (bar != null) {
                    bar.step();
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        Object document = single ? results.get(0) : results;
        if (json) {
            new JsonOutput().print(o, document);
        } else if (single) {
            print(o, (VerificationReport) results.get(0));
        } else {
            table(o, results);
        }
        if (summary != null) {
            StringWriter s = new StringWriter();
            new JsonOutput().print(new PrintWriter(s), results);
            AtomicFiles.writeString(summary, s.toString());
        }
        o.flush();
        return exitCode(results);
    }

    /** Reads and verifies one bundle; a malformed one is a NOT VALID report, an unreadable one an item of its own. */
    private Object verifyOne(Path p, boolean single, BundleVerifier verifier, SidecarClient client) {
        ProofBundle b;
        try {
            b = ProofBundle.read(p);
        } catch (BundleRejectedException e) {
            if (e.malformed()) {
                return ReportParts.malformed(p.toString(), e.getMessage());
            }
            if (single) {
                throw e;
            }
            return new Unreadable(p.toString(), "UNREADABLE", e.getMessage());
        }
        return verifier.verify(p.toString(), b, () -> modelCheck(b, client));
    }

    static int exitCode(List<Object> results) {
        List<VerificationReport> reports = results.stream().filter(VerificationReport.class::isInstance)
                .map(VerificationReport.class::cast).toList();
        if (reports.stream().anyMatch(r -> r.outcome() == Outcome.NOT_VALID)) {
            return ZkmlCli.VERIFICATION_FAILED;
        }
        if (results.stream().anyMatch(Unreadable.class::isInstance)) {
            return ZkmlCli.USER_ERROR;
        }
        if (reports.stream().anyMatch(r -> r.outcome() == Outcome.COULD_NOT_CHECK)) {
            return ZkmlCli.COULD_NOT_RUN;
        }
        return ZkmlCli.OK;
    }

    private static void print(PrintWriter o, VerificationReport r) {
        o.println(r.statement());
        part(o, VerificationReport.PROVEN, r.proven());
        part(o, VerificationReport.CLAIMED, r.claimed());
        o.println(VerificationReport.NOT_ESTABLISHED + ":");
        r.notEstablished().forEach(n -> o.println("  - " + n));
        o.println("Checks:");
        for (VerificationReport.Check c : r.checks()) {
            o.printf("  [%s] %s: %s%n", c.notRun() ? "not run" : c.failed() ? "FAIL" : "ok", c.name(), c.detail());
        }
        o.println(r.verdict());
    }

    private static void part(PrintWriter o, String title, List<VerificationReport.Fact> facts) {
        if (facts.isEmpty()) {
            return;
        }
        o.println(title + ":");
        facts.forEach(f -> o.println("  " + f.label() + ": " + f.value()));
    }

    private static void table(PrintWriter o, List<Object> results) {
        o.printf("%-40s %-16s %s%n", "bundle", "result", "details");
        int valid = 0;
        int invalid = 0;
        int unchecked = 0;
        int unreadable = 0;
        for (Object x : results) {
            if (x instanceof VerificationReport r) {
                String details = switch (r.outcome()) {
                    case VALID -> "";
                    case NOT_VALID -> String.join("; ", r.failures().stream().map(c -> c.name() + ": " + c.detail()).toList());
                    case COULD_NOT_CHECK -> r.reason();
                };
                o.printf("%-40s %-16s %s%n", Path.of(r.bundle()).getFileName(), r.outcome().words(), details);
                switch (r.outcome()) {
                    case VALID -> valid++;
                    case NOT_VALID -> invalid++;
                    case COULD_NOT_CHECK -> unchecked++;
                }
            } else if (x instanceof Unreadable u) {
                o.printf("%-40s %-16s %s%n", Path.of(u.bundle()).getFileName(), "UNREADABLE", u.error());
                unreadable++;
            }
        }
        o.printf("%d bundles: %d valid, %d not valid, %d could not be checked, %d unreadable%n",
                results.size(), valid, invalid, unchecked, unreadable);
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
    private Optional<ModelCheck> modelCheck(ProofBundle b, SidecarClient client) {
        if (model == null) {
            return Optional.empty();
        }
        String specJson;
        if (quant != null) {
            try {
                specJson = BoundedText.read(quant);
            } catch (IOException e) {
                throw new WorkbenchException("--quant " + quant + " cannot be read: " + e.getMessage(), e);
            }
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
        return Optional.of(ModelChecks.of(model, specJson, data, b, client.fieldHash(), s));
    }
}
