package io.zkml.workbench.bundle;

import io.zkml.workbench.bundle.VerificationReport.Check;
import io.zkml.workbench.prove.ChainTransition;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The key and proof checks of a multi-program bundle, as {@link BundleVerifier} does them for one
 * program: every function's verifying key is tied to its program text (and, through
 * {@link ProgramChain#keyText}, its imports' texts) by this machine's key cache, the recorded hash of
 * a key derived before, or one derivation of all the chain's keys now (nothing but 65-byte hash
 * records is written); then snarkVM checks the batch proof under those keys with every program.
 */
final class ChainKeys {

    private final SidecarClient client;
    private final Consumer<String> progress;

    ChainKeys(SidecarClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    /** @return how the keys were tied, or null when they were not (then a check failed or could not run) */
    String checkKeys(ProofBundle b, List<Check> checks) {
        ProgramChain chain;
        List<ProgramChain.Call> functions;
        try {
            chain = b.chain();
            functions = chain.transitions().stream().distinct().toList();
        } catch (IllegalArgumentException e) {
            checks.add(new Check("verifying keys", false, "the bundle's programs do not form a chain, so their keys cannot "
                    + "be derived: " + AleoTypes.shown(String.valueOf(e.getMessage()))));
            return null;
        }
        Map<String, String> given = b.verifyingKeys();
        KeyCache cache = new KeyCache(client.config().keyCacheDir());
        List<ProgramChain.Call> untied = new ArrayList<>();
        List<String> fromCache = new ArrayList<>();
        boolean fromRecord = false;
        boolean contradicted = false;
        for (ProgramChain.Call f : functions) {
            String key = given.get(f.name());
            if (key == null) {
                checks.add(new Check("verifying keys", false, "the bundle holds no verifying key for " + f.name()));
                return null;
            }
            String keyText = chain.keyText(f.program());
            Optional<String> cached = cache.verifyingKey(keyText, f.function());
            Optional<String> recorded = cache.verifyingKeyHash(keyText, f.function());
            if (cached.isPresent() && cached.get().equals(key.trim())) {
                fromCache.add(f.name());
                continue;
            }
            if (recorded.isPresent() && recorded.get().equals(KeyCache.hashOf(key))) {
                fromRecord = true;
                continue;
            }
            contradicted |= cached.isPresent() && recorded.isPresent();
            untied.add(f);
        }
        if (untied.isEmpty()) {
            String how = fromRecord ? BundleVerifier.KEY_FROM_RECORD : BundleVerifier.KEY_FROM_CACHE;
            checks.add(new Check("verifying keys", true, "the keys of " + names(functions) + " are their programs' (" + how + ")"));
            return how;
        }
        if (contradicted) {
            checks.add(new Check("verifying keys", false, "the bundle's keys of " + names(untied) + " are not their programs' ("
                    + BundleVerifier.KEY_FROM_CACHE + ", and with the hash recorded when it was derived)"));
            return null;
        }
        return derive(b, chain, functions, given, fromCache, cache, checks);
    }

    /** Derives the keys not tied already (the ones the key cache confirmed are reused, not synthesized again). */
    private String derive(ProofBundle b, ProgramChain chain, List<ProgramChain.Call> functions, Map<String, String> given,
                          List<String> fromCache, KeyCache cache, List<Check> checks) {
        List<ChainTransition> derived;
        try {
            List<String> zeros = ProgramInputs.zeros(b.mainAleo(), chain.function());
            progress.accept("synthesizing the verifying keys of " + functions.size() + " functions to check the bundle's "
                    + "(about a minute each)");
            derived = client.deriveChainVerifyingKeys(chain, zeros, fromCache);
        } catch (IllegalArgumentException e) {
            checks.add(new Check("verifying keys", false, "main.aleo's inputs cannot be built to derive the keys: " + e.getMessage()));
            return null;
        } catch (SidecarException e) {
            checks.add(BundleVerifier.sidecarProblem("verifying keys", "cannot derive the programs' verifying keys", e));
            return null;
        }
        Map<String, String> byName = new LinkedHashMap<>();
        derived.forEach(t -> byName.put(t.name(), t.verifyingKey().trim()));
        List<ProgramChain.Call> wrong = new ArrayList<>();
        for (ProgramChain.Call f : functions) {
            String key = byName.get(f.name());
            if (key != null) {
                cache.recordVerifyingKey(chain.keyText(f.program()), f.function(), key);
            }
            if (key == null || !key.equals(given.get(f.name()).trim())) {
                wrong.add(f);
            }
        }
        checks.add(new Check("verifying keys", wrong.isEmpty(), wrong.isEmpty()
                ? "the keys of " + names(functions) + " are their programs' (" + BundleVerifier.KEY_RESYNTHESIZED + ")"
                : "the bundle's keys of " + names(wrong) + " are not their programs' (" + BundleVerifier.KEY_RESYNTHESIZED + ")"));
        return wrong.isEmpty() ? BundleVerifier.KEY_RESYNTHESIZED : null;
    }

    void checkProof(ProofBundle b, List<Check> checks, String keyCheck) {
        ProgramChain chain;
        try {
            chain = b.chain();
        } catch (IllegalArgumentException e) {
            checks.add(new Check("proof", false, "the bundle's programs do not form a chain: " + AleoTypes.shown(String.valueOf(e.getMessage()))));
            return;
        }
        try {
            progress.accept("verifying the batch proof with snarkVM");
            VerifyResult vr = client.verifyChain(chain, b.execution(), b.verifyingKeys(), keyCheck != null);
            checks.add(new Check("proof", vr.valid(), vr.valid() ? "snarkVM accepts the batch proof of "
                    + chain.transitions().size() + " transitions under the programs' verifying keys"
                    : "snarkVM rejects the proof: " + AleoTypes.shown(String.valueOf(vr.reason()))));
        } catch (SidecarException e) {
            checks.add(BundleVerifier.sidecarProblem("proof", "snarkVM could not check the proof", e));
        }
    }

    private static String names(List<ProgramChain.Call> calls) {
        return String.join(", ", calls.stream().map(ProgramChain.Call::name).toList());
    }
}
