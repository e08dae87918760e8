package io.zkml.workbench.bundle;

import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.ProgramChain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The claims of a multi-program bundle that need no snarkVM: every program the manifest lists is in
 * the bundle with the SHA-256 it records, the texts form a chain, and the transitions agree three
 * ways — the ones the programs' calls imply, the manifest's, and the execution's, in order — with
 * each transition's public outputs as the manifest records them. One check, "program chain", naming
 * every difference.
 */
final class ChainClaims {

    static final String CHECK = "program chain";

    private ChainClaims() {
    }

    static VerificationReport.Check check(ProofBundle b, ExecutionJson ex) {
        BundleManifest m = b.manifest();
        List<String> problems = new ArrayList<>();
        for (BundleManifest.ChainProgram p : m.programs()) {
            boolean entry = p.programId().equals(m.programId());
            String text = entry ? b.mainAleo() : b.importedPrograms().get(p.programId());
            String file = entry ? ProofBundle.ALEO : ProofBundle.PROGRAMS_DIR + p.programId();
            if (text == null) {
                problems.add(file + " is missing");
                continue;
            }
            String sha = FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8));
            if (!sha.equals(p.programSha256())) {
                problems.add("SHA-256 of " + file + " is " + sha + "; manifest says " + p.programSha256());
            }
        }
        List<String> recorded = m.transitions().stream().map(BundleManifest.ChainStep::name).toList();
        try {
            ProgramChain chain = b.chain();
            List<String> implied = chain.transitions().stream().map(ProgramChain.Call::name).toList();
            if (!implied.equals(recorded)) {
                problems.add("the programs' calls give the transitions " + implied + "; manifest says " + recorded);
            }
        } catch (IllegalArgumentException e) {
            problems.add("the programs do not form a chain: " + AleoTypes.shown(String.valueOf(e.getMessage())));
        }
        if (ex != null) {
            List<String> actual = ex.steps().stream().map(ExecutionJson.Step::name).toList();
            if (!actual.equals(recorded)) {
                problems.add("the execution's transitions are " + AleoTypes.shown(actual.toString()) + "; manifest says " + recorded);
            } else {
                for (int i = 0; i < recorded.size(); i++) {
                    List<String> claimed = m.transitions().get(i).publicOutputs();
                    List<String> proven = ex.steps().get(i).publicOutputs();
                    if (claimed != null && !Objects.equals(claimed, proven)) {
                        problems.add("transition " + (i + 1) + " (" + recorded.get(i) + ") has the public outputs "
                                + AleoTypes.shown(proven.toString()) + " in the execution; manifest says " + claimed);
                    }
                }
            }
        }
        return ClaimChecks.check(CHECK, problems.isEmpty(), problems.isEmpty()
                ? m.programs().size() + " programs, each with the SHA-256 the manifest records; the execution's "
                        + recorded.size() + " transitions are " + String.join(", ", recorded)
                        + ", in the order the programs' calls give"
                : String.join("; ", problems));
    }
}
