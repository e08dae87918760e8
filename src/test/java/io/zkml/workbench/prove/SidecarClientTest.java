package io.zkml.workbench.prove;

import io.zkml.workbench.bundle.KeyCache;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real snarkVM (through the Node.js sidecar) on a tiny program. Synthesis and proving
 * take tens of seconds each, so the class shares one proof and uses the run's key cache. It starts
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
    private ProofResult proof;
    /** Whether an earlier run left the probe's keys in the shared cache (then nothing is synthesized). */
    private boolean probeCachedBefore;

    @BeforeAll
    void startSidecar() {
        SidecarConfig config = SharedSidecar.config();
        probeCachedBefore = new KeyCache(config.keyCacheDir()).contains(PROBE, "main");
        client = new SidecarClient(config, progress::add);
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

    private synchronized ProofResult proof() {
        firstExecution();
        if (proof == null) {
            proof = client.prove(PROBE, "main", List.of("[5i32, 2i32, 3i32, 4i32]"));
        }
        return proof;
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
    void proofVerifiesAndReusesCachedKeys() {
        ProofResult result = proof();
        assertEquals(List.of("7i32"), result.outputs());
        assertTrue(result.keysFromCache(), "keys synthesized by the first execution are reused");
        assertEquals(0, result.synthesisMs());
        assertTrue(result.execution().contains("\"proof\":\"proof1"), "the execution carries the proof");

        VerifyResult verdict = client.verify(PROBE, "main", result.execution(), result.verifyingKey());
        assertTrue(verdict.valid(), verdict.reason());
        assertTrue(verdict.verifyingKeyCheckedAgainstProgram(), "the key cache knows this program's keys");
    }

    @Test
    void tamperedOutputDoesNotVerify() {
        ProofResult result = proof();
        String forged = result.execution().replace("\"value\":\"7i32\"", "\"value\":\"8i32\"");
        assertNotEquals(result.execution(), forged);
        VerifyResult verdict = client.verify(PROBE, "main", forged, result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
    }

    @Test
    void tamperedProofDoesNotVerify() {
        ProofResult result = proof();
        int at = result.execution().indexOf("proof1") + 200;
        char original = result.execution().charAt(at);
        String forged = result.execution().substring(0, at) + (original == 'q' ? 'p' : 'q') + result.execution().substring(at + 1);
        VerifyResult verdict = client.verify(PROBE, "main", forged, result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
    }

    @Test
    void proofOfAnotherProgramDoesNotVerify() {
        ProofResult result = proof();
        String other = PROBE.replace("probe.aleo", "probe_other.aleo");
        VerifyResult verdict = client.verify(other, "main", result.execution(), result.verifyingKey());
        assertFalse(verdict.valid(), verdict.reason());
        assertTrue(verdict.reason().contains("not probe_other.aleo/main"), verdict.reason());
        // The sidecar is still serving after rejecting forged input.
        assertEquals("0.11.10", client.ping().sdkVersion());
    }

    @Test
    void killedSidecarFailsTheRequestClearlyAndRestarts() throws Exception {
        // A program of its own, so the request really synthesizes and is still running when killed.
        String program = PROBE.replace("probe.aleo", "probe_kill.aleo");
        CountDownLatch synthesizing = new CountDownLatch(1);
        SidecarConfig config = client.config();
        try (SidecarClient victim = new SidecarClient(config, p -> {
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

    @Test
    void aDamagedKeyCacheEntryIsDiscardedAndRebuiltWithANote() throws Exception {
        firstExecution();
        Path prover = client.config().keyCacheDir().resolve(io.zkml.workbench.bundle.KeyCache.keyId(PROBE, "main") + ".prover");
        byte[] intact = Files.readAllBytes(prover);
        // What a full disk or a killed writer leaves: the first half of the proving key.
        Files.write(prover, java.util.Arrays.copyOf(intact, intact.length / 2));
        int seen = progress.size();

        ExecutionResult again = client.execute(PROBE, "main", INPUTS);
        assertFalse(again.keysFromCache(), "a damaged entry is never handed to snarkVM");
        assertEquals(firstExecution().outputs(), again.outputs());
        assertTrue(progress.subList(seen, progress.size()).stream().anyMatch(p -> p.message().contains("are damaged")
                && p.message().contains("discarded them, synthesizing again")), progress.toString());
        assertEquals(intact.length, Files.size(prover), "the entry is rebuilt");
        assertTrue(client.execute(PROBE, "main", INPUTS).keysFromCache());
    }

    @Test
    void aKeyCacheThatCannotBeWrittenIsSaidSo(@TempDir Path tmp) throws Exception {
        // A cache path below a regular file cannot be created, even by root (chmod would not stop root).
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "");
        List<SidecarProgress> notes = new CopyOnWriteArrayList<>();
        String program = PROBE.replace("probe.aleo", "probe_nocache.aleo");
        try (SidecarClient uncached = new SidecarClient(client.config().withKeyCacheDir(blocker.resolve("keys")), notes::add)) {
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
        assertTrue(e.getMessage().endsWith("this circuit needs SRS degree 2^17"), e.getMessage());
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
