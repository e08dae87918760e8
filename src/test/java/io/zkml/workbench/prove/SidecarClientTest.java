package io.zkml.workbench.prove;

import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.testing.SharedProofs;
import io.zkml.workbench.testing.SharedSidecar;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real snarkVM (through the Node.js sidecar) on a tiny program. Synthesis and proving
 * take tens of seconds each, so the class proves nothing itself: its verification cases use the run's
 * shared iris-tiny bundle ({@link SharedProofs}), and it uses the run's key cache. It starts
 * its own client rather than the run's shared one, because the client itself is under test here:
 * its progress reports, and a killed process that the next request replaces.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarClientTest {

    /** One private array input keeps the circuit within the SRS degree 2^16 available offline. */
    static final String PROBE = """
            program probe.aleo;

            function main:
                input r0 as [i32; 4u32].private;
                add r0[0u32] r0[1u32] into r1;
                output r1 as i32.public;
            """;
    static final List<String> INPUTS = List.of("[1i32, 2i32, 3i32, 4i32]");

    private final List<SidecarProgress> progress = new CopyOnWriteArrayList<>();
    private SidecarClient client;
    private ExecutionResult firstExecution;
    private List<SidecarProgress> firstExecutionProgress;
    private SharedProofs proofs;
    /** Whether an earlier run left the probe's keys in the shared cache (then nothing is synthesized). */
    private boolean probeCachedBefore;

    @BeforeAll
    void startSidecar(SidecarClient shared, SharedProofs proofs) {
        this.proofs = proofs;
        SidecarConfig config = shared.config();
        probeCachedBefore = new KeyCache(config.keyCacheDir()).contains(PROBE, "main");
        // A process of its own (its progress reports are under test), counted in the run's account.
        client = shared.sibling(config, progress::add);
    }

    @AfterAll
    void stopSidecar() {
        if (client != null) {
            client.close();
        }
    }

    /** The first run synthesizes the keys (unless cached by an earlier run); every later request finds them in the key cache. */
    private synchronized ExecutionResult firstExecution() {
        if (firstExecution == null) {
            progress.clear(); // other tests' requests report progress too; keep only this execution's
            firstExecution = client.execute(PROBE, "main", INPUTS);
            firstExecutionProgress = List.copyOf(progress);
        }
        return firstExecution;
    }

    /**
     * The run's shared iris-tiny bundle: verifying and tampering need a proof, not one of the probe's own
     * (issue #15: one proof fewer per run). Proving with cached keys ({@code keysFromCache}, no synthesis)
     * is held where the CLI proves a program a second time (ProveFaultsTest), the prove request itself by
     * every class that proves.
     */
    private ProofBundle proof() {
        return proofs.irisTiny().read();
    }

    @Test
    void pingReportsThePinnedSdk() {
        SidecarVersions versions = client.ping();
        assertEquals("0.11.10", versions.sdkVersion());
        assertEquals("mainnet", versions.network());
    }

    @Test
    void executeReturnsOutputsAndSynthesizesKeysOnce() {
        ExecutionResult result = firstExecution();
        assertEquals(List.of("3i32"), result.outputs());
        // A fresh cache (CI's clean checkout) takes the synthesis path; a re-run finds the keys of the last run.
        assertEquals(probeCachedBefore, result.keysFromCache(), "keysFromCache says whether the cache had the keys");
        assertEquals(!probeCachedBefore, firstExecutionProgress.stream().anyMatch(p -> p.stage().equals("synthesis")),
                "synthesis progress is reported exactly when keys are synthesized");

        ExecutionResult again = client.execute(PROBE, "main", List.of("[-7i32, 2i32, 0i32, 0i32]"));
        assertEquals(List.of("-5i32"), again.outputs());
        assertTrue(again.keysFromCache());
    }

    @Test
    void evaluateGivesTheOutputsOfExecuteWithoutSynthesizingAndWrapsOnOverflow() {
        // A program text of its own, never executed, so nothing is in the key cache for it.
        String program = PROBE.replace("probe.aleo", "probe_eval.aleo");
        KeyCache cache = new KeyCache(client.config().keyCacheDir());
        assertEquals(List.of("3i32"), client.evaluate(program, "main", INPUTS));
        assertEquals(firstExecution().outputs(), client.evaluate(program, "main", INPUTS), "the outputs execute gives");
        assertFalse(cache.contains(program, "main"), "evaluate synthesizes and stores no keys");
        // Why evaluate is for in-range rows only: the circuit is not checked, so i32 overflow wraps
        // where execute aborts (SnarkVmExecutionTest holds the abort).
        assertEquals(List.of("-2i32"), client.evaluate(program, "main", List.of("[2147483647i32, 2147483647i32, 0i32, 0i32]")));
    }

    @Test
    void synthesizeGivesTheExactCircuitInfo() {
        firstExecution();
        SynthesisResult keys = client.synthesize(PROBE, "main", INPUTS);
        assertTrue(keys.keysFromCache());
        assertTrue(keys.verifyingKey().startsWith("verifier1"), keys.verifyingKey());
        assertEquals(new CircuitInfo(16, 11725, 11713, 27123, 37432, 15675, 16), keys.circuit());
    }

    @Test
    void proofVerifiesWithItsProgramsCachedKey() {
        ProofBundle result = proof();
        assertEquals(List.of("0u8"), result.manifest().publicOutputs());
        assertTrue(result.execution().contains("\"proof\":\"proof1"), "the execution carries the proof");

        VerifyResult verdict = client.verify(result.mainAleo(), "main", result.execution(), result.verifyingKey());
        assertTrue(verdict.valid(), verdict.reason());
        assertTrue(verdict.verifyingKeyCheckedAgainstProgram(), "the key cache knows this program's keys");
    }

    @Test
    void tamperedOutputDoesNotVerify() {
        ProofBundle result = proof();
        String forged = result.execution().replace("\"value\":\"0u8\"", "\"value\":\"2u8\"");
        assertNotEquals(result.execution(), forged);
        VerifyResult verdict = client.verify(result.mainAleo(), "main", forged, result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
    }

    @Test
    void tamperedProofDoesNotVerify() {
        ProofBundle result = proof();
        int at = result.execution().indexOf("proof1") + 200;
        char original = result.execution().charAt(at);
        String forged = result.execution().substring(0, at) + (original == 'q' ? 'p' : 'q') + result.execution().substring(at + 1);
        VerifyResult verdict = client.verify(result.mainAleo(), "main", forged, result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
    }

    @Test
    void proofOfAnotherProgramDoesNotVerify() {
        ProofBundle result = proof();
        String other = result.mainAleo().replace("program iris_tiny.aleo;", "program iris_other.aleo;");
        assertNotEquals(result.mainAleo(), other);
        VerifyResult verdict = client.verify(other, "main", result.execution(), result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
        assertTrue(verdict.reason().contains("not iris_other.aleo/main"), verdict.reason());
        // The sidecar is still serving after rejecting forged input.
        assertEquals("0.11.10", client.ping().sdkVersion());
    }

    /**
     * A warm-up builds snarkVM's constants once per process (what a first authorization otherwise pays:
     * 3.7 s of iris-tiny's first 4.1 s, measured), and the process then serves requests as usual.
     */
    @Test
    void warmUpBuildsTheConstantsOncePerProcess() throws Exception {
        try (SidecarClient fresh = client.sibling(client.config(), p -> { })) {
            assertTrue(fresh.warmUp().get(120, TimeUnit.SECONDS), "a new process builds them");
            assertFalse(fresh.warmUp().get(120, TimeUnit.SECONDS), "and only once");
            assertEquals(List.of("3i32"), fresh.evaluate(PROBE, "main", INPUTS));
        }
    }

    @Test
    void killedSidecarFailsTheRequestClearlyAndRestarts() throws Exception {
        // A program of its own, so the request really synthesizes and is still running when killed.
        String program = PROBE.replace("probe.aleo", "probe_kill.aleo");
        CountDownLatch synthesizing = new CountDownLatch(1);
        SidecarConfig config = client.config();
        try (SidecarClient victim = client.sibling(config, p -> {
            if (p.stage().equals("synthesis")) {
                synthesizing.countDown();
            }
        })) {
            CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> victim.execute(program, "main", INPUTS));
            assertTrue(synthesizing.await(60, TimeUnit.SECONDS), "the sidecar started synthesizing");
            victim.processHandle().orElseThrow().destroyForcibly();

            CompletionException failure = assertThrows(CompletionException.class, () -> running.join());
            SidecarException e = assertInstanceOf(SidecarException.class, failure.getCause());
            assertEquals(SidecarException.STOPPED, e.code());
            // Named for what happened (destroyForcibly sends SIGKILL), not guessed as an overflow.
            assertTrue(e.getMessage().contains("was ended by signal 9, SIGKILL"), e.getMessage());
            assertTrue(e.getMessage().contains("while running 'execute'"), e.getMessage());
            assertFalse(e.getMessage().contains("overflow"), e.getMessage());

            assertEquals("0.11.10", victim.ping().sdkVersion(), "the next request starts a fresh sidecar");
        }
    }

    /**
     * On a copy of the probe's entry in a cache of the test's own: the run's cache is shared with
     * later runs and other checkouts, so nothing is damaged in it. The rebuilt proving key is compared
     * byte for byte: key synthesis is deterministic, which key-cache.mjs relies on when two sidecars
     * write the same entry at once.
     */
    @Test
    void aDamagedKeyCacheEntryIsDiscardedAndRebuiltWithANote(@TempDir Path tmp) throws Exception {
        firstExecution();
        Path keys = SharedSidecar.copyEntry(PROBE, "main", tmp.resolve("keys"));
        Path prover = keys.resolve(KeyCache.keyId(PROBE, "main") + ".prover");
        byte[] intact = Files.readAllBytes(prover);
        // What a full disk or a killed writer leaves: the first half of the proving key.
        Files.write(prover, java.util.Arrays.copyOf(intact, intact.length / 2));
        List<SidecarProgress> notes = new CopyOnWriteArrayList<>();
        try (SidecarClient own = client.sibling(client.config().withKeyCacheDir(keys), notes::add)) {
            ExecutionResult again = own.execute(PROBE, "main", INPUTS);
            assertFalse(again.keysFromCache(), "a damaged entry is never handed to snarkVM");
            assertEquals(firstExecution().outputs(), again.outputs());
            assertTrue(notes.stream().anyMatch(p -> p.message().contains("are damaged")
                    && p.message().contains("discarded them, synthesizing again")), notes.toString());
            assertArrayEquals(intact, Files.readAllBytes(prover), "the entry is rebuilt, with the same bytes");
            assertTrue(own.execute(PROBE, "main", INPUTS).keysFromCache());
        }
    }

    @Test
    void aKeyCacheThatCannotBeWrittenIsSaidSo(@TempDir Path tmp) throws Exception {
        // A cache path below a regular file cannot be created, even by root (chmod would not stop root).
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "");
        List<SidecarProgress> notes = new CopyOnWriteArrayList<>();
        String program = PROBE.replace("probe.aleo", "probe_nocache.aleo");
        try (SidecarClient uncached = client.sibling(client.config().withKeyCacheDir(blocker.resolve("keys")), notes::add)) {
            assertFalse(uncached.execute(program, "main", INPUTS).keysFromCache());
        }
        assertTrue(notes.stream().anyMatch(p -> p.message().contains("cannot be written")
                && p.message().contains("synthesized again next time")), notes.toString());
    }

    @Test
    void theKeyCacheKeepsToItsLimitByDroppingTheLeastRecentlyUsed(@TempDir Path cache) throws Exception {
        // key-cache.mjs itself, on real files: three entries of about 1,260 bytes under a 3,000-byte limit.
        String script = """
                import { KeyCache, keyId } from './key-cache.mjs';
                import * as fs from 'node:fs';
                const cache = new KeyCache(process.argv[1], 3000);
                const info = { constraints: 1, variables: 1, nonZeroA: 1, nonZeroB: 1, nonZeroC: 1 };
                const out = {};
                for (const [i, name] of ['a', 'b'].entries()) {
                  out['evicted_' + name] = cache.store(name, 'main', new Uint8Array(1000), 'vk', info);
                  const t = new Date(Date.now() - (10 - i) * 60000);
                  fs.utimesSync(cache.files(name, 'main').info, t, t);
                }
                out.loadedA = cache.load('a', 'main') != null;   // a is now the most recently used
                out.evicted_c = cache.store('c', 'main', new Uint8Array(1000), 'vk', info);
                out.ids = { a: keyId('a', 'main'), b: keyId('b', 'main'), c: keyId('c', 'main') };
                out.left = ['a', 'b', 'c'].filter((n) => fs.existsSync(cache.files(n, 'main').info));
                console.log(JSON.stringify(out));
                """;
        Process node = new ProcessBuilder(client.config().node(), "--input-type=module", "-e", script, cache.toString())
                .directory(client.config().sidecarDir().toFile()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, node.waitFor(), out);
        var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertTrue(result.path("loadedA").asBoolean(), out);
        assertEquals(0, result.path("evicted_b").size(), out);
        assertEquals(List.of(result.path("ids").path("b").asText()),
                List.of(result.path("evicted_c").get(0).asText()), "b was the least recently used: " + out);
        assertEquals("[\"a\",\"c\"]", result.path("left").toString(), out);
    }

    /**
     * Several sidecars on one cache at once (two checkouts' test runs, the app beside the CLI): four
     * node processes store, load and evict the same six entries for a few seconds under a limit that
     * holds about three, so entries vanish and reappear under readers all the time. Every load must
     * return the stored bytes or nothing: never a damaged-entry note, wrong bytes or an exception.
     */
    @Test
    void sidecarsSharingACacheNeverSeeAPartialEntry(@TempDir Path cache) throws Exception {
        String script = """
                import { KeyCache } from './key-cache.mjs';
                const cache = new KeyCache(process.argv[1], 3 * 400_000);
                const info = { constraints: 1, variables: 1, nonZeroA: 1, nonZeroB: 1, nonZeroC: 1 };
                // The same bytes from every writer, as synthesis gives (it is deterministic).
                const keyOf = (p) => new Uint8Array(400_000).fill(p.charCodeAt(1));
                const n = { loads: 0, hits: 0, stores: 0, evicted: 0, damaged: 0, wrong: 0, errors: [] };
                const until = Date.now() + 4000;
                while (Date.now() < until) {
                  const p = 'p' + Math.floor(Math.random() * 6);
                  try {
                    n.loads++;
                    const e = cache.load(p, 'main', () => n.damaged++);
                    if (e) {
                      n.hits++;
                      if (e.verifyingKey !== 'vk-' + p || Buffer.compare(Buffer.from(e.provingKeyBytes), Buffer.from(keyOf(p))) !== 0) n.wrong++;
                    } else {
                      n.stores++;
                      n.evicted += cache.store(p, 'main', keyOf(p), 'vk-' + p, info).length;
                    }
                  } catch (e) {
                    n.errors.push(String(e?.message ?? e));
                  }
                }
                console.log(JSON.stringify(n));
                """;
        List<Process> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(new ProcessBuilder(client.config().node(), "--input-type=module", "-e", script, cache.toString())
                    .directory(client.config().sidecarDir().toFile()).redirectErrorStream(true).start());
        }
        long hits = 0;
        long evicted = 0;
        for (Process node : nodes) {
            var n = nodeResult(node);
            assertEquals(0, n.path("damaged").asInt(), n.toString());
            assertEquals(0, n.path("wrong").asInt(), n.toString());
            assertEquals("[]", n.path("errors").toString(), n.toString());
            hits += n.path("hits").asLong();
            evicted += n.path("evicted").asLong();
        }
        assertTrue(hits > 0 && evicted > 0, "the processes did read entries and evict them: " + hits + " hits, " + evicted + " evicted");
    }

    /**
     * What a killed writer leaves (temp files, an entry without its marker) goes when a sidecar starts
     * once it is an hour old; a younger one may be a write in progress in another sidecar and stays.
     */
    @Test
    void trimmingRemovesAbandonedWritesButNotOnesInProgress(@TempDir Path cache) throws Exception {
        String script = """
                import { KeyCache, keyId } from './key-cache.mjs';
                import * as fs from 'node:fs';
                import * as path from 'node:path';
                const dir = process.argv[1];
                const cache = new KeyCache(dir, 1_000_000);
                const info = { constraints: 1, variables: 1, nonZeroA: 1, nonZeroB: 1, nonZeroC: 1 };
                cache.store('kept', 'main', new Uint8Array(100), 'vk', info);
                const old = new Date(Date.now() - 2 * 3600 * 1000);
                const write = (name, age) => {
                  fs.writeFileSync(path.join(dir, name), 'x');
                  if (age) fs.utimesSync(path.join(dir, name), age, age);
                };
                write(keyId('old', 'main') + '.prover', old);
                write(keyId('old', 'main') + '.prover.123.abcdef.part', old);
                write(keyId('young', 'main') + '.prover', null);
                write(keyId('young', 'main') + '.verifier.456.0123ab.part', null);
                const removed = cache.trim();
                console.log(JSON.stringify({ removed, left: fs.readdirSync(dir).sort(),
                  old: keyId('old', 'main'), kept: keyId('kept', 'main'), young: keyId('young', 'main') }));
                """;
        var r = nodeResult(new ProcessBuilder(client.config().node(), "--input-type=module", "-e", script, cache.toString())
                .directory(client.config().sidecarDir().toFile()).redirectErrorStream(true).start());
        assertEquals(List.of(r.path("old").asText()), texts(r.path("removed")), r.toString());
        String kept = r.path("kept").asText();
        String young = r.path("young").asText();
        assertEquals(List.of(kept + ".json", kept + ".prover", kept + ".verifier", young + ".prover",
                young + ".verifier.456.0123ab.part"), texts(r.path("left")), r.toString());
    }

    /** The one JSON line a key-cache.mjs script prints; a failing script fails the test with its output. */
    private static com.fasterxml.jackson.databind.JsonNode nodeResult(Process node) throws Exception {
        String out = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, node.waitFor(), out);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void circuitAboveTheOfflineSrsNamesTheMissingParameter() {
        // Five separate private inputs need the SRS of degree 2^17, which the test cache lacks.
        String program = """
                program big.aleo;

                function main:
                    input r0 as i32.private;
                    input r1 as i32.private;
                    input r2 as i32.private;
                    input r3 as i32.private;
                    input r4 as i32.private;
                    add r0 r1 into r5;
                    output r5 as i32.public;
                """;
        SidecarException e = assertThrows(SidecarException.class,
                () -> client.execute(program, "main", List.of("1i32", "2i32", "3i32", "4i32", "5i32")));
        assertEquals("MISSING_PARAMETER", e.code());
        assertTrue(e.getMessage().startsWith("parameter powers-of-beta-17.usrs (6 MiB) is not in the cache"), e.getMessage());
        assertTrue(e.getMessage().endsWith("this circuit needs SRS degree 2^17 or more"), e.getMessage());
    }

    @Test
    void hashIsDeterministicAndInputSensitive() {
        String input = "[1i8, 2i8, 3i8, 4i8, 5i8, 6i8, 7i8, 8i8]";
        String first = client.hash("psd2", input, "field");
        assertTrue(first.endsWith("field"), first);
        assertEquals(first, client.hash("psd2", input, "field"));
        assertNotEquals(first, client.hash("psd2", input.replace("8i8", "9i8"), "field"));
        assertNotEquals(first, client.hash("bhp256", input, "field"));
    }

    @Test
    void malformedRequestsAreErrorsNotCrashes() {
        SidecarException unknownHash = assertThrows(SidecarException.class, () -> client.hash("sha3", "1field", "field"));
        assertEquals("BAD_REQUEST", unknownHash.code());
        SidecarException badProgram = assertThrows(SidecarException.class, () -> client.execute("program nonsense", "main", INPUTS));
        assertEquals("EXECUTION_FAILED", badProgram.code());
        assertEquals("0.11.10", client.ping().sdkVersion());
    }
}
