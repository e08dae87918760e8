package io.zkml.workbench.bundle;

import io.zkml.workbench.bundle.VerificationReport.Check;
import io.zkml.workbench.bundle.VerificationReport.Fact;
import io.zkml.workbench.bundle.VerificationReport.Outcome;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.io.FileHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns checks into a {@link VerificationReport}: the outcome, and the three parts every front end
 * shows. The only place that decides what a verification says; the CLI, the audit window and the
 * HTML report render its parts as they are.
 *
 * <p>The outcome: any failed check makes the bundle NOT VALID (the proof or one of its claims is
 * false); otherwise a check that could not run makes it COULD NOT CHECK (nothing is said about the
 * proof); otherwise VALID. Only a VALID report has anything under "proven". Words that the bundle
 * chose (class names, file names, the dataset row) are listed as its claims unless the auditor's
 * model supplied them.
 */
public final class ReportParts {

    /**
     * How to check a bundle against a model, in the words of both places that show the report: the CLI's flags
     * and the audit window's button (the verdict said only "pass --model and --quant", in the window too).
     */
    static final String CHECK_AGAINST_MODEL = "zkml verify --model MODEL [--quant SPEC], or Check against model… in the "
            + "audit window";

    private ReportParts() {
    }

    public static VerificationReport build(String name, ProofBundle b, ClaimChecks.Result claims, List<Check> checks,
                                           Optional<ModelCheck> model, String keyCheck) {
        Outcome outcome = checks.stream().anyMatch(Check::failed) ? Outcome.NOT_VALID
                : checks.stream().anyMatch(Check::notRun) ? Outcome.COULD_NOT_CHECK : Outcome.VALID;
        List<Check> notRun = checks.stream().filter(Check::notRun).toList();
        // The first check that could not run names the cause; later ones usually repeat it.
        String reason = outcome == Outcome.COULD_NOT_CHECK ? notRun.get(0).name() + ": " + notRun.get(0).detail()
                + (notRun.size() > 1 ? " (" + (notRun.size() - 1) + " more check(s) not run)" : "") : null;
        BundleManifest m = b.manifest();
        boolean modelOk = model.isPresent() && outcome == Outcome.VALID;
        List<Fact> proven = outcome == Outcome.VALID ? proven(b, claims, model) : List.of();
        List<Fact> claimed = claimed(m, outcome == Outcome.VALID, modelOk);
        List<String> open = notEstablished(m, outcome, model.isPresent(), reason);
        String statement = statement(b, claims, outcome, reason, model, checks);
        return new VerificationReport(name, outcome, outcome == Outcome.VALID, statement, reason, keyCheck, checks,
                proven, claimed, open);
    }

    /** A bundle refused before any check (malformed): NOT VALID, nothing proven, the reason as its one failed check. */
    public static VerificationReport malformed(String name, String problem) {
        Check c = new Check("bundle format", false, problem);
        return new VerificationReport(name, Outcome.NOT_VALID, false,
                "NOT VALID. The bundle is malformed, so nothing in it was checked or established: " + problem, null,
                "not checked", List.of(c), List.of(), List.of(),
                List.of("Anything: the bundle does not follow the bundle format."));
    }

    private static List<Fact> proven(ProofBundle b, ClaimChecks.Result c, Optional<ModelCheck> model) {
        BundleManifest m = b.manifest();
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Program", m.programId() + ", function " + m.function()));
        f.add(new Fact("Program SHA-256", FileHashes.sha256(b.mainAleo().getBytes(StandardCharsets.UTF_8))));
        f.add(new Fact("Private input", String.join(", ", c.inputTypes()) + " (types declared by the program; values not revealed)"));
        List<String> outs = c.execution().publicOutputs();
        f.add(new Fact("Public output", String.join(", ", OutputDecoder.modelOutputs(outs))));
        if (m.isChain()) {
            f.add(new Fact("Programs", m.programs().size() + " programs: " + String.join(", ", m.programs().stream()
                    .map(p -> p.programId() + " (SHA-256 " + p.programSha256() + ")").toList())));
            f.add(new Fact("Transitions", transitions(c.execution().steps())
                    + " (one execution, one batch proof; intermediate values private)"));
        }
        String commitment = OutputDecoder.commitment(outs);
        if (commitment != null) {
            f.add(new Fact("Model commitment", commitment + " (Poseidon commitment to the private weights, a public output)"));
        }
        if (model.isPresent()) {
            ModelCheck mc = model.get();
            DecodedOutput d = c.decoded();
            if (d != null) {
                f.add(new Fact("Decoded (by your model)", decoded(d)));
            }
            f.add(new Fact("Model", "your copy " + mc.modelFile() + " (SHA-256 " + mc.modelSha256() + ") with the spec (SHA-256 "
                    + mc.quantSpecSha256() + ") produces exactly this program"
                    + (commitment == null ? "" : ", and its weights hash to the commitment")));
        }
        return f;
    }

    private static List<Fact> claimed(BundleManifest m, boolean valid, boolean modelChecked) {
        List<Fact> f = new ArrayList<>();
        if (!valid) {
            f.add(new Fact("Program", m.programId() + ", function " + m.function()));
            f.add(new Fact("Public output", String.join(", ", m.publicOutputs())));
            if (m.modelCommitment() != null) {
                f.add(new Fact("Model commitment", m.modelCommitment()));
            }
        }
        if (!modelChecked && m.decoded() != null) {
            if (m.decoded().classLabel() != null) {
                f.add(new Fact("Decoded", "class " + m.decoded().classIndex() + " = " + m.decoded().classLabel()
                        + " (class names from the bundle's manifest)"));
            } else if (m.decoded().dequantized() != null && m.decoded().dequantized().length > 0) {
                f.add(new Fact("Decoded", Arrays.toString(m.decoded().dequantized()) + " (fixed point as the manifest says)"));
            }
        }
        if (m.row() != null) {
            f.add(new Fact("Dataset row", m.row() + " (the proof does not show where the input came from)"));
        }
        if (!modelChecked) {
            f.add(new Fact("Model file", String.valueOf(m.modelFile())));
            f.add(new Fact("Model SHA-256", String.valueOf(m.modelSha256())));
            f.add(new Fact("Quant spec SHA-256", String.valueOf(m.quantSpecSha256())));
        }
        if (m.weightsMode() != null) {
            f.add(new Fact("Weights mode", m.weightsMode() + (m.commitmentScheme() == null ? "" : "; " + m.commitmentScheme())));
        }
        if (!valid && m.isChain()) {
            f.add(new Fact("Transitions", String.join("; ", m.transitions().stream().map(BundleManifest.ChainStep::name).toList())));
        }
        if (m.isChain() && m.transitions().stream().allMatch(t -> t.circuit() != null)) {
            f.add(new Fact("Circuits", String.join("; ", m.transitions().stream().map(t -> String.format(Locale.US,
                    "%s %,d constraints, SRS 2^%d", t.name(), t.circuit().constraints(), t.circuit().srsDegreeLog2())).toList())));
        } else if (m.circuit() != null) {
            f.add(new Fact("Circuit", String.format(Locale.US, "%,d constraints, %,d variables, SRS 2^%d",
                    m.circuit().constraints(), m.circuit().variables(), m.circuit().srsDegreeLog2())));
        }
        if (m.versions() != null) {
            f.add(new Fact("Versions", m.versions().tool() + "; " + m.versions().sdk() + "; Node.js "
                    + m.versions().node() + "; " + m.versions().network()));
        }
        if (m.timings() != null) {
            f.add(new Fact("Proving time", String.format(Locale.US, "%.1f s (synthesis %.1f s, proof %.1f s)",
                    m.timings().totalMs() / 1000.0, m.timings().synthesisMs() / 1000.0, m.timings().provingMs() / 1000.0)));
        }
        if (m.createdAt() != null) {
            f.add(new Fact("Created", m.createdAt()));
        }
        return f;
    }

    private static List<String> notEstablished(BundleManifest m, Outcome outcome, boolean modelChecked, String reason) {
        List<String> n = new ArrayList<>();
        if (outcome == Outcome.NOT_VALID) {
            n.add("Anything in this bundle: a check failed, so neither its proof nor its claims can be relied on.");
            return n;
        }
        if (outcome == Outcome.COULD_NOT_CHECK) {
            n.add("Whether the proof is valid: it could not be checked on this machine (" + reason + ").");
            return n;
        }
        if (!modelChecked) {
            n.add("That the program" + (m.modelCommitment() == null ? " comes" : " and its committed weights come")
                    + " from the model the bundle names: its file name and hashes are claims; check them against your "
                    + "copy (" + CHECK_AGAINST_MODEL + ").");
        }
        n.add("Where the private input came from (a dataset row, a real person's data): the proof shows only that some "
                + "input of the declared type gives these outputs.");
        n.add("Privacy beyond Aleo's: the private input is in the execution only as ciphertext; its secrecy rests on Aleo's "
                + "encryption and the prover's keys, and the outputs themselves are public.");
        n.add("Who made the proof, when, and with which tools: versions, timings and dates are the bundle's claims.");
        return n;
    }

    private static String statement(ProofBundle b, ClaimChecks.Result c, Outcome outcome, String reason,
                                    Optional<ModelCheck> model, List<Check> checks) {
        BundleManifest m = b.manifest();
        if (outcome == Outcome.NOT_VALID) {
            List<String> failed = checks.stream().filter(Check::failed).map(Check::name).toList();
            return "NOT VALID. " + failed.size() + " check(s) failed (" + String.join(", ", failed) + "). Nothing in this "
                    + "bundle is established; what it says is listed as its claims.";
        }
        if (outcome == Outcome.COULD_NOT_CHECK) {
            return "COULD NOT CHECK. " + reason + ". This is not a verdict on the proof: fix the problem on this machine "
                    + "and verify again.";
        }
        List<String> outs = c.execution().publicOutputs();
        String commitment = OutputDecoder.commitment(outs);
        String words = model.isPresent() && c.decoded() != null ? " (" + decoded(c.decoded()) + ", as your model reads it)" : "";
        int others = m.isChain() ? m.programs().size() - 1 : 0;
        String chain = m.isChain() ? " (calling " + others + " other program" + (others == 1 ? "" : "s") + ": " + c.execution().transitions()
                + " transitions under one batch proof)" : "";
        String what = "Program " + m.programId() + ", function " + m.function() + chain + ", run on a private input (type "
                + String.join(", ", c.inputTypes()) + ", not revealed), output "
                + String.join(", ", OutputDecoder.modelOutputs(outs)) + words + ".";
        String weights = commitment == null ? "" : " The weights were private inputs as well; the last output, " + commitment
                + ", is their Poseidon commitment, which identifies the model without revealing it.";
        String provenance = model.isPresent()
                ? " The program was re-generated from your model file " + model.get().modelFile() + " and its spec and matched."
                : " That it came from model " + m.modelFile() + " (SHA-256 " + m.modelSha256()
                        + ") is the bundle's claim; check it against your copy of the model (" + CHECK_AGAINST_MODEL + ").";
        return "VALID. " + what + weights + provenance;
    }

    /** "1. a.aleo/main → 3i16; 2. b.aleo/main; …": each transition with its public outputs, if any. */
    private static String transitions(List<ExecutionJson.Step> steps) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ExecutionJson.Step t = steps.get(i);
            parts.add((i + 1) + ". " + t.name() + (t.publicOutputs().isEmpty() ? "" : " → " + String.join(", ", t.publicOutputs())));
        }
        return String.join("; ", parts);
    }

    private static String decoded(DecodedOutput d) {
        if (d.classLabel() != null) {
            return "class " + d.classIndex() + " = " + d.classLabel();
        }
        return Arrays.toString(d.dequantized());
    }
}
