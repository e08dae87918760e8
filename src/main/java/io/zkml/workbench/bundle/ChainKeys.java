package io.zkml.workbench.bundle;

import io.zkml.workbench.bundle.VerificationReport.Check;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.VerifyResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The key and proof checks of a multi-program bundle, as {@link BundleVerifier} does them for one
 * program: every function's verifying key is tied to its program text (and, through
 * {@link ProgramChain#keyText}, its imports' texts) by this machine's key cache, the recorded hash of
 * a key derived before, or the untied keys derived now, each in its own call tree (nothing but 65-byte hash
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
        return derive(chain, functions, untied, given, fromCache, cache, checks);
    }

    /**
     * Derives the keys not tied already, each untied function in the smallest execution that runs it
     * ({@link ProgramChain#rootedAt}: its program's own call tree), because a function's key depends on
     * its program and what that imports, never on its callers. The keys the key cache confirmed are
     * reused there, not synthesized again. So a changed segment under a known entry (its key tied by the
     * cache or a recorded hash) costs that segment's synthesis only, not one more for every caller up to
     * the entry (issue #15); an untied entry is derived with the whole chain, as before.
     */
    private String derive(ProgramChain chain, List<ProgramChain.Call> functions, List<ProgramChain.Call> untied,
                          Map<String, String> given, List<String> fromCache, KeyCache cache, List<Check> checks) {
        List<ProgramChain> runs = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        // Callers before callees (transitions list each call before its caller): a function run by an
        // untied caller's execution is derived there.
        List<ProgramChain.Call> callersFirst = new ArrayList<>(functions);
        java.util.Collections.reverse(callersFirst);
        for (ProgramChain.Call f : callersFirst) {
            if (untied.contains(f) && !covered.contains(f.name())) {
                ProgramChain run = f.program().equals(chain.entry().programId()) && f.function().equals(chain.function())
                        ? chain : chain.rootedAt(f.program(), f.function());
                runs.add(run);
                run.transitions().forEach(t -> covered.add(t.name()));
            }
        }
        Map<String, String> byName = new LinkedHashMap<>();
        try {
            for (ProgramChain run : runs) {
                List<String> zeros = ProgramInputs.zeros(run.entry().aleo(), run.function());
                long count = run.transitions().stream().distinct().count();
                progress.accept("synthesizing the verifying keys of " + count + " function" + (count == 1 ? "" : "s")
                        + " to check the bundle's (about a minute each)");
                client.deriveChainVerifyingKeys(run, zeros, fromCache).forEach(t -> byName.put(t.name(), t.verifyingKey().trim()));
            }
        } catch (IllegalArgumentException e) {
            checks.add(new Check("verifying keys", false, "the programs' inputs cannot be built to derive the keys: " + e.getMessage()));
            return null;
        } catch (SidecarException e) {
            checks.add(BundleVerifier.sidecarProblem("verifying keys", "cannot derive the programs' verifying keys", e));
            return null;
        }
        List<ProgramChain.Call> wrong = new ArrayList<>();
        for (ProgramChain.Call f : functions) {
            String key = byName.get(f.name());
            if (key != null) {
                cache.recordVerifyingKey(chain.keyText(f.program()), f.function(), key);
            }
            // A function tied already and not run again stays tied; every derived key must be the bundle's.
            boolean tiedBefore = !untied.contains(f) && key == null;
            if (!tiedBefore && (key == null || !key.equals(given.get(f.name()).trim()))) {
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
