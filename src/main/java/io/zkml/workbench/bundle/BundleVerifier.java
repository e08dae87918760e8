package io.zkml.workbench.bundle;

import io.zkml.workbench.bundle.VerificationReport.Check;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a proof bundle: its claims without snarkVM ({@link ClaimChecks}), the verifying key
 * against the program text, and the proof with snarkVM. Each check runs even when an earlier one
 * failed, so the report lists everything that did not match. A check that this machine cannot run
 * (no Node.js, missing SRS parameters, a sidecar that stopped) is recorded as not run, never as
 * failed: the report then says "could not check", not "not valid" ({@link ReportParts}).
 */
public final class BundleVerifier {

    public static final String KEY_FROM_CACHE = "compared with the key cache entry for this program text";
    public static final String KEY_FROM_RECORD = "compared with the verifying-key hash recorded when this program's key was derived before";
    public static final String KEY_RESYNTHESIZED = "re-synthesized the program's verifying key with snarkVM and compared";

    /**
     * Sidecar failures that say something about the bundle (its program cannot be run or parsed);
     * every other code is this machine's problem.
     */
    private static final Set<String> BUNDLE_FAULTS = Set.of("EXECUTION_FAILED", "WASM_ABORTED", "BAD_REQUEST");

    private final SidecarClient client;
    private final Consumer<String> progress;

    public BundleVerifier(SidecarClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    public VerificationReport verify(String name, ProofBundle b, Optional<ModelCheck> model) {
        return verify(name, b, () -> model);
    }

    /**
     * As {@link #verify(String, ProofBundle, Optional)}, building the model check here so that a
     * sidecar this machine cannot run (the weights commitment needs snarkVM's Poseidon) makes the
     * report "could not check" instead of an error or a false verdict.
     */
    public VerificationReport verify(String name, ProofBundle b, Supplier<Optional<ModelCheck>> modelCheck) {
        Optional<ModelCheck> model;
        Check modelProblem = null;
        try {
            model = modelCheck.get();
        } catch (SidecarException e) {
            model = Optional.empty();
            modelProblem = sidecarProblem("model", "cannot recompute the model's commitment", e);
        }
        ClaimChecks.Result claims = ClaimChecks.run(b, model);
        List<Check> checks = new ArrayList<>(claims.checks());
        if (modelProblem != null) {
            checks.add(modelProblem);
        }
        String keyCheck;
        if (b.manifest().isChain()) {
            ChainKeys chain = new ChainKeys(client, progress);
            keyCheck = chain.checkKeys(b, checks);
            chain.checkProof(b, checks, keyCheck);
        } else {
            keyCheck = checkKey(b, checks);
            checkProof(b, checks, keyCheck);
        }
        return ReportParts.build(name, b, claims, checks, model, keyCheck == null ? "not tied to the program" : keyCheck);
    }

    private void checkProof(ProofBundle b, List<Check> checks, String keyCheck) {
        String function = b.manifest().function();
        try {
            progress.accept("verifying the proof with snarkVM");
            VerifyResult vr = client.verify(b.mainAleo(), function, b.execution(), b.verifyingKey(), keyCheck != null);
            checks.add(new Check("proof", vr.valid(), vr.valid() ? "snarkVM accepts the proof for main.aleo/" + function
                    + " under verifying_key.txt" : "snarkVM rejects the proof: " + AleoTypes.shown(String.valueOf(vr.reason()))));
        } catch (SidecarException e) {
            checks.add(sidecarProblem("proof", "snarkVM could not check the proof", e));
        }
    }

    /**
     * snarkVM's verify does not tie the verifying key to the program text; this does. The key is
     * compared with, in turn: this machine's key cache entry for the program, the hash recorded when
     * the program's key was derived before, or a verifying key synthesized now (recording only its
     * hash: the proving key is neither kept nor written). One entry or record that disagrees is not
     * trusted alone (it may be damaged): the key is derived again and that decides. When both disagree,
     * the key is not the program's without synthesizing anything.
     *
     * @return how the key was tied, or null when it was not
     */
    private String checkKey(ProofBundle b, List<Check> checks) {
        String program = b.mainAleo();
        String function = b.manifest().function();
        String given = b.verifyingKey().trim();
        KeyCache cache = new KeyCache(client.config().keyCacheDir());
        Optional<String> cached = cache.verifyingKey(program, function);
        Optional<String> recorded = cache.verifyingKeyHash(program, function);
        if (cached.isPresent() && cached.get().equals(given)) {
            checks.add(keyCheck(true, function, KEY_FROM_CACHE));
            return KEY_FROM_CACHE;
        }
        if (recorded.isPresent() && recorded.get().equals(KeyCache.hashOf(given))) {
            checks.add(keyCheck(true, function, KEY_FROM_RECORD));
            return KEY_FROM_RECORD;
        }
        if (cached.isPresent() && recorded.isPresent()) {
            // Two records this machine wrote independently both disagree: no need to synthesize again.
            checks.add(keyCheck(false, function, KEY_FROM_CACHE + ", and with the hash recorded when it was derived"));
            return null;
        }
        String derived;
        try {
            List<String> zeros = ProgramInputs.zeros(program, function);
            progress.accept("synthesizing the verifying key of main.aleo to check verifying_key.txt (about a minute)");
            derived = client.deriveVerifyingKey(program, function, zeros).verifyingKey().trim();
        } catch (IllegalArgumentException e) {
            checks.add(new Check("verifying key", false, "main.aleo's inputs cannot be built to derive its key: "
                    + e.getMessage()));
            return null;
        } catch (SidecarException e) {
            checks.add(sidecarProblem("verifying key", "cannot derive the program's verifying key", e));
            return null;
        }
        cache.recordVerifyingKey(program, function, derived);
        String how = KEY_RESYNTHESIZED + (cached.isPresent() || recorded.isPresent()
                ? "; this machine's cached key for the program disagreed with the bundle's, so it was not trusted alone" : "");
        boolean same = derived.equals(given);
        checks.add(keyCheck(same, function, how));
        return same ? KEY_RESYNTHESIZED : null;
    }

    private static Check keyCheck(boolean same, String function, String how) {
        return new Check("verifying key", same, same
                ? "verifying_key.txt is the key of main.aleo/" + function + " (" + how + ")"
                : "verifying_key.txt is not the key of main.aleo/" + function + " (" + how + ")");
    }

    /** A failure caused by the bundle fails the check; one of this machine leaves it not run. */
    static Check sidecarProblem(String name, String what, SidecarException e) {
        if (BUNDLE_FAULTS.contains(e.code())) {
            return new Check(name, false, what + ": " + AleoTypes.shown(String.valueOf(e.getMessage())));
        }
        return new Check(name, null, what + " on this machine (" + e.code() + "): " + e.getMessage());
    }
}
