package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.SynthesisResult;
import io.zkml.workbench.prove.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a proof bundle: the proof with snarkVM, the verifying key against the program text, and
 * every claim of the manifest that can be recomputed. Each check runs even when an earlier one
 * failed, so the report lists everything that did not match.
 */
public final class BundleVerifier {

    public static final String KEY_FROM_CACHE = "compared with the key cache entry for this program text";
    public static final String KEY_RESYNTHESIZED = "re-synthesized the program's keys with snarkVM and compared";

    private static final Pattern PROGRAM_ID = Pattern.compile("(?m)^program\\s+([A-Za-z0-9_]+\\.aleo);");

    private final SidecarClient client;
    private final Consumer<String> progress;

    public BundleVerifier(SidecarClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    public VerificationReport verify(String name, ProofBundle b, Optional<ModelCheck> model) {
        BundleManifest m = b.manifest();
        List<VerificationReport.Check> checks = new ArrayList<>();
        ExecutionJson ex = parse(b.execution(), checks);
        String programId = programId(b.mainAleo());

        checks.add(check("program id", Objects.equals(programId, m.programId())
                        && (ex == null || Objects.equals(ex.program(), m.programId()))
                        && (ex == null || Objects.equals(ex.function(), m.function())),
                "main.aleo declares " + programId + "; manifest says " + m.programId() + "/" + m.function()
                        + (ex == null ? "" : "; the execution's transition is " + ex.program() + "/" + ex.function())));
        String programSha = FileHashes.sha256(b.mainAleo().getBytes(StandardCharsets.UTF_8));
        checks.add(check("program hash", programSha.equals(m.programSha256()),
                "SHA-256 of main.aleo is " + programSha + "; manifest says " + m.programSha256()));

        String keyCheck = checkKey(b, checks);

        VerifyResult vr = null;
        try {
            progress.accept("verifying the proof with snarkVM");
            vr = client.verify(b.mainAleo(), m.function(), b.execution(), b.verifyingKey());
            checks.add(check("proof", vr.valid(), vr.valid() ? "snarkVM accepts the proof for main.aleo/" + m.function()
                    + " under verifying_key.txt" : "snarkVM rejects the proof: " + vr.reason()));
        } catch (SidecarException e) {
            checks.add(check("proof", false, "snarkVM could not check the proof: " + e.getMessage()));
        }

        if (ex != null) {
            checks.add(check("public outputs", ex.publicOutputs().equals(m.publicOutputs()),
                    "the execution's public outputs are " + ex.publicOutputs() + "; manifest says " + m.publicOutputs()));
            checks.add(decodedCheck(m, ex.publicOutputs()));
            // The model check compares the manifest's commitment; it must be the one the proof output.
            String proven = OutputDecoder.commitment(ex.publicOutputs());
            if (proven != null || m.modelCommitment() != null) {
                boolean same = Objects.equals(proven, m.modelCommitment());
                checks.add(check("commitment output", same, same
                        ? "the manifest's model commitment is the proof's last public output"
                        : "the manifest's model commitment " + m.modelCommitment() + " is not the proof's last public output ("
                                + proven + ")"));
            }
        }
        model.ifPresent(mc -> modelChecks(b, mc, checks));

        boolean valid = checks.stream().allMatch(VerificationReport.Check::passed);
        return new VerificationReport(name, valid, statement(m, ex, valid, model.isPresent()), keyCheck, checks);
    }

    /** The verifying key must be the one snarkVM derives from this program text; snarkVM's verify does not check that. */
    private String checkKey(ProofBundle b, List<VerificationReport.Check> checks) {
        String function = b.manifest().function();
        Optional<String> cached = new KeyCache(client.config().keyCacheDir()).verifyingKey(b.mainAleo(), function);
        String expected;
        String how;
        if (cached.isPresent()) {
            expected = cached.get();
            how = KEY_FROM_CACHE;
        } else {
            progress.accept("re-synthesizing the keys of main.aleo to check the verifying key (about a minute)");
            try {
                SynthesisResult s = client.synthesize(b.mainAleo(), function, ProgramInputs.zeros(b.mainAleo(), function));
                expected = s.verifyingKey().trim();
                how = KEY_RESYNTHESIZED;
            } catch (SidecarException e) {
                checks.add(check("verifying key", false, "cannot derive the program's verifying key: " + e.getMessage()));
                return "failed";
            }
        }
        checks.add(check("verifying key", expected.equals(b.verifyingKey().trim()), expected.equals(b.verifyingKey().trim())
                ? "verifying_key.txt is the key of main.aleo/" + function + " (" + how + ")"
                : "verifying_key.txt is not the key of main.aleo/" + function + " (" + how + ")"));
        return how;
    }

    private static VerificationReport.Check decodedCheck(BundleManifest m, List<String> outputs) {
        if (m.decoded() == null || m.decoded().format() == null) {
            return check("decoded outputs", false, "the manifest has no decoded outputs");
        }
        DecodedOutput d;
        try {
            d = OutputDecoder.decode(m.decoded().format(), outputs);
        } catch (WorkbenchException e) {
            return check("decoded outputs", false, e.getMessage());
        }
        boolean same = java.util.Arrays.equals(d.values(), m.decoded().values())
                && java.util.Arrays.equals(d.dequantized(), m.decoded().dequantized())
                && Objects.equals(d.classIndex(), m.decoded().classIndex())
                && Objects.equals(d.classLabel(), m.decoded().classLabel());
        return check("decoded outputs", same, same ? "class/values in the manifest follow from the execution's outputs"
                : "the manifest's decoded result (" + m.decoded().classIndex() + " " + m.decoded().classLabel()
                        + ") differs from the execution's (" + d.classIndex() + " " + d.classLabel() + ")");
    }

    private static void modelChecks(ProofBundle b, ModelCheck mc, List<VerificationReport.Check> checks) {
        BundleManifest m = b.manifest();
        checks.add(check("model hash", mc.modelSha256().equals(m.modelSha256()),
                "SHA-256 of " + mc.modelFile() + " is " + mc.modelSha256() + "; manifest says " + m.modelSha256()));
        checks.add(check("quant spec hash", mc.quantSpecSha256().equals(m.quantSpecSha256()),
                "SHA-256 of the quant spec is " + mc.quantSpecSha256() + "; manifest says " + m.quantSpecSha256()));
        String scheme = mc.scheme() == null ? "" : " (" + mc.scheme() + ")";
        if (m.modelCommitment() != null) {
            boolean same = m.modelCommitment().equals(mc.commitment());
            checks.add(check("model commitment", same, same
                    ? "the public commitment " + m.modelCommitment() + " is the one " + mc.modelFile() + "'s weights hash to"
                            + scheme
                    : mc.commitment() == null ? "cannot recompute the commitment" + scheme
                    : mc.modelFile() + "'s weights hash to " + mc.commitment() + "; the proof committed to "
                            + m.modelCommitment() + scheme));
        }
        String mine = withoutComments(mc.programText());
        String theirs = withoutComments(b.mainAleo());
        checks.add(check("program from model", mine.equals(theirs), mine.equals(theirs)
                ? "exporting " + mc.modelFile() + " with that spec gives exactly main.aleo's instructions"
                        + (m.modelCommitment() == null ? scheme : "")
                : "exporting " + mc.modelFile() + " with that spec gives a different program than main.aleo"
                        + firstDifference(mine, theirs) + (m.modelCommitment() == null ? scheme : "")));
    }

    /**
     * The program without its comment lines. The generated header names the model file, its hash and
     * the tool version, which legitimately differ for an auditor's renamed copy or newer installation;
     * the model hash check covers the file, and snarkVM's circuit ignores comments.
     */
    private static String withoutComments(String text) {
        return text.replaceAll("(?m)^\\s*//.*\\R", "");
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end>";
            String r = i < y.length ? y[i] : "<end>";
            if (!l.equals(r)) {
                return " (first differing instruction, comments left out: expected '" + l.trim() + "', bundle has '" + r.trim() + "')";
            }
        }
        return "";
    }

    private static ExecutionJson parse(String execution, List<VerificationReport.Check> checks) {
        try {
            return ExecutionJson.parse(execution);
        } catch (WorkbenchException e) {
            checks.add(check("execution", false, e.getMessage()));
            return null;
        }
    }

    static String programId(String aleo) {
        Matcher m = PROGRAM_ID.matcher(aleo);
        return m.find() ? m.group(1) : null;
    }

    private static String statement(BundleManifest m, ExecutionJson ex, boolean valid, boolean modelChecked) {
        String outputs = ex == null ? "(unreadable)" : String.join(", ", ex.publicOutputs());
        String decoded = m.decoded() == null ? "" : m.decoded().classLabel() != null
                ? " (class " + m.decoded().classIndex() + " = " + m.decoded().classLabel() + ")" : "";
        String provenance = modelChecked
                ? (valid ? "The program was re-generated from the given model file and spec and matched."
                        : "The given model file and spec were checked against it; see the failed checks.")
                : "That the program came from model " + m.modelFile() + " (SHA-256 " + m.modelSha256()
                        + ") is the manifest's claim; pass --model and --quant to check it.";
        // With committed weights the types list the weight arrays too; the last output is their commitment.
        String weights = m.modelCommitment() == null ? ""
                : " The weights were private inputs as well; the last output, " + m.modelCommitment()
                        + ", is their Poseidon commitment, which identifies the model without revealing it.";
        String what = "Someone ran program " + m.programId() + ", function " + m.function() + ", on a private input "
                + "(type " + String.join(", ", m.inputTypes()) + ", not revealed) and it output " + outputs + decoded + "."
                + weights;
        return (valid ? "VALID. " : "NOT VALID. The claim would be: ") + what + " " + provenance;
    }

    private static VerificationReport.Check check(String name, boolean passed, String detail) {
        return new VerificationReport.Check(name, passed, detail);
    }
}
