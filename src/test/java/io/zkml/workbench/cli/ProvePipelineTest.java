package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.SampleJson;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.SharedProofs;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * export → prove → verify of iris-tiny with the real snarkVM, on the run's shared sidecar and key
 * cache. The proof is the run's shared one ({@link SharedProofs#irisTiny}: the exported program's row 0,
 * proven as {@code zkml prove PROJECT --row 0} does, once per run), reused by every tamper case; the
 * CLI's own proving paths are proven elsewhere ({@code ProveFaultsTest}: a project's rows, a second
 * proof with cached keys, a folder of bundles verified; {@code ProveModelWorkflowTest}: a model file).
 * At most one more synthesis for the altered program whose key must not match. Where the path
 * depends on the cache (a fresh one in CI, the last run's locally), the test asks the cache first
 * and expects the path it implies; with every key of an earlier run cached, nothing is synthesized.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvePipelineTest {

    static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");
    private final ObjectMapper json = new ObjectMapper();
    private SidecarTestbed testbed;
    private SidecarClient client;
    private Path tmp;
    private Path project;
    private Path bundle;
    private SharedProofs.Proof proof;
    /** Whether an earlier run left the altered program's keys (order 10 stores them) in the cache. */
    private boolean alteredCachedBefore;

    @BeforeAll
    void start(SidecarClient shared, SharedProofs proofs) throws Exception {
        testbed = SidecarTestbed.start("zkml-pipeline-", shared);
        tmp = testbed.tmp;
        client = testbed.client;
        project = tmp.resolve("iris");
        assertEquals(0, CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", project.toString()).exit());
        proof = proofs.irisTiny();
        bundle = proof.zip(); // read-only: the tamper cases write forged copies to tmp
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void theRowZeroBundleProvesTheExportedProgram() throws Exception {
        ProofBundle b = proof.read();
        var m = b.manifest();
        assertEquals(proof.keysWereCached(), m.keysFromCache(), "the first proof synthesizes unless an earlier run cached the keys");
        assertEquals(List.of("0u8"), m.publicOutputs());
        assertEquals("setosa", m.decoded().classLabel());
        assertEquals(0, m.row());
        assertTrue(b.execution().contains("proof1"));
        assertTrue(b.verifyingKey().startsWith("verifier1"));
        assertEquals(Files.readString(project.resolve("build/main.aleo")), b.mainAleo(), "zkml export writes the proven program");
        System.out.println("[timing] first prove: " + m.timings());
    }

    @Test
    @Order(2)
    void exportedProgramRunsInSnarkVmAsTheSimulatorPredicts() {
        ExportedProject p = ExportedProject.read(project);
        for (int row : new int[] {0, 12, 25}) {
            SampleJson s = p.sample(row);
            ExecutionResult r = client.execute(p.aleoText(), "main", s.inputs());
            assertEquals(s.expectedOutputs(), r.outputs(), "row " + row);
        }
    }

    @Test
    @Order(3)
    void costPredictionAgainstSynthesizedCircuit() throws Exception {
        ModelSession session = ModelSession.open(IRIS_TINY, null);
        String spec = Files.readString(project.resolve("quant.json"));
        CompiledModel m = ModelCompiler.standard().compile(session, new QuantSpecJson().fromJson(spec, "quant.json"), spec);
        var actual = ProofBundle.read(bundle).manifest().circuit();
        var predicted = m.cost().total();
        System.out.printf("[cost] predicted %s%n[cost] snarkVM    %s%n", predicted, actual);
        // Exact in all five counts (docs/PROVING.md, docs/ENCODING.md "Exact cost").
        ExactCost.assertExact(actual, m.cost(), "iris-tiny");
        // The golden record the quick tier holds the prediction to (GoldenSamplesTest): the same program text.
        if (!GoldenFiles.updating()) {
            assertEquals(GoldenFiles.read(GoldenSamplesTest.PROVEN, "main.aleo"), m.aleoText(), "the golden iris-tiny program");
        }
        RecordedCircuits.check(GoldenSamplesTest.PROVEN, actual);
        assertEquals(actual.constraints(), new KeyCache(testbed.keys()).circuit(m.aleoText(), "main").orElseThrow().constraints());
    }

    @Test
    @Order(4)
    void verifyPassesAndSaysWhatWasChecked() throws Exception {
        CliRunner.Result r = CliRunner.run(client, "verify", bundle.toString(), "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode doc = json.readTree(r.out());
        assertTrue(doc.path("valid").asBoolean());
        assertEquals(BundleVerifier.KEY_FROM_CACHE, doc.path("keyCheck").asText());
        CliRunner.Result text = CliRunner.run(client, "verify", bundle.toString(), "--model", IRIS_TINY.toString());
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().startsWith("VALID."), text.out());
        assertTrue(text.out().contains("[ok] program from model"), text.out());
    }

    @Test
    @Order(6)
    void changedPublicOutputInManifestFails() {
        ProofBundle b = ProofBundle.read(bundle);
        ProofBundle forged = new ProofBundle(b.manifest().withPublicOutputs(List.of("2u8")), b.mainAleo(), b.mainLeo(),
                b.execution(), b.verifyingKey(), b.quantJson());
        assertFails(forged, "public outputs");
    }

    @Test
    @Order(7)
    void changedOutputInsideTheExecutionFails() {
        ProofBundle b = ProofBundle.read(bundle);
        String execution = b.execution().replace("\"value\":\"0u8\"", "\"value\":\"2u8\"");
        assertNotEquals(b.execution(), execution);
        assertFails(new ProofBundle(b.manifest(), b.mainAleo(), b.mainLeo(), execution, b.verifyingKey(), b.quantJson()),
                "proof");
    }

    @Test
    @Order(8)
    void changedProofBytesFail() {
        ProofBundle b = ProofBundle.read(bundle);
        int at = b.execution().indexOf("proof1") + 300;
        char c = b.execution().charAt(at);
        String execution = b.execution().substring(0, at) + (c == 'q' ? 'p' : 'q') + b.execution().substring(at + 1);
        assertFails(new ProofBundle(b.manifest(), b.mainAleo(), b.mainLeo(), execution, b.verifyingKey(), b.quantJson()),
                "proof");
    }

    /** The manifest's program hash is updated too, so only the key binding can catch it (costs one synthesis on a fresh cache). */
    @Test
    @Order(9)
    void changedProgramTextFailsTheVerifyingKeyCheck() throws Exception {
        ProofBundle b = ProofBundle.read(bundle);
        String altered = alteredProgram(b);
        alteredCachedBefore = new KeyCache(testbed.keys()).contains(altered, "main");
        var m = b.manifest();
        var manifest = new io.zkml.workbench.bundle.BundleManifest(m.formatVersion(), m.programId(), m.function(),
                m.publicOutputs(), m.decoded(), m.inputTypes(), m.row(), m.modelFile(), m.modelSha256(), m.quantSpecSha256(),
                io.zkml.workbench.io.FileHashes.sha256(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                m.modelCommitment(), m.versions(), m.timings(), m.circuit(), m.keysFromCache(), m.createdAt(),
                m.weightsMode(), m.consensusVersion(), m.commitmentScheme());
        String out = assertFails(new ProofBundle(manifest, altered, b.mainLeo(), b.execution(), b.verifyingKey(), b.quantJson()),
                "verifying key");
        // Fresh cache: the verifier derives the altered program's key; an earlier run's cache already has
        // its keys (order 10 stored them) and the hash this test recorded, which both disagree: no synthesis.
        assertTrue(out.contains(alteredCachedBefore ? BundleVerifier.KEY_FROM_CACHE : BundleVerifier.KEY_RESYNTHESIZED), out);
    }

    /**
     * Verifying the altered program (above) derived its key without caching it: the cache holds only
     * the hash of that key (and, after an earlier run, the keys order 10 synthesized). A key that
     * disagrees with the proven program's one entry is not trusted alone (the entry may be damaged),
     * so the program's key is derived again and decides, and its hash is recorded; once that record
     * exists (an earlier run), entry and record both disagree and nothing is derived.
     */
    @Test
    @Order(10)
    void swappedVerifyingKeyFails() {
        ProofBundle b = ProofBundle.read(bundle);
        KeyCache cache = new KeyCache(testbed.keys());
        if (!alteredCachedBefore) {
            assertTrue(cache.verifyingKey(alteredProgram(b), "main").isEmpty(), "verify stored no keys for the altered program");
        }
        assertTrue(cache.verifyingKeyHash(alteredProgram(b), "main").isPresent(), "only the hash of its verifying key");
        boolean provenKeyRecordedBefore = cache.verifyingKeyHash(b.mainAleo(), "main").isPresent();
        String otherKey = client.synthesize(alteredProgram(b), "main",
                ExportedProject.read(project).sample(0).inputs()).verifyingKey().trim();
        assertNotEquals(b.verifyingKey(), otherKey);
        String out = assertFails(new ProofBundle(b.manifest(), b.mainAleo(), b.mainLeo(), b.execution(), otherKey, b.quantJson()),
                "verifying key");
        if (provenKeyRecordedBefore) {
            assertTrue(out.contains(BundleVerifier.KEY_FROM_CACHE + ", and with the hash recorded"), out);
        } else {
            assertTrue(out.contains(BundleVerifier.KEY_RESYNTHESIZED), out);
            assertEquals(Optional.of(KeyCache.hashOf(b.verifyingKey())), cache.verifyingKeyHash(b.mainAleo(), "main"),
                    "the derived key (the bundle's genuine one) is recorded");
        }
    }

    @Test
    @Order(11)
    void differentModelFileFails() {
        CliRunner.Result r = CliRunner.run(client, "verify", bundle.toString(), "--model", "sample-models/iris-mlp.zip");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[FAIL] model hash"), r.out());
        assertTrue(r.out().contains("[FAIL] program from model"), r.out());
    }

    @Test
    @Order(12)
    void unreadableBundleIsAUserError() throws Exception {
        Path junk = tmp.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        CliRunner.Result r = CliRunner.run(client, "verify", junk.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("junk.zip"), r.err());
    }

    private static String alteredProgram(ProofBundle b) {
        // Reads the second input where the model reads the first: same shape, different circuit.
        String altered = b.mainAleo().replaceFirst("xor r0\\[0u32\\]", "xor r0[1u32]");
        assertNotEquals(b.mainAleo(), altered);
        return altered;
    }

    /** Writes the forged bundle, verifies it through the CLI, expects exit 2 and the named check to fail. */
    private String assertFails(ProofBundle forged, String check) {
        Path p = tmp.resolve("forged-" + System.nanoTime() + ".zip");
        forged.writeZip(p);
        CliRunner.Result r = CliRunner.run(client, "verify", p.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[FAIL] " + check + ":"), r.out());
        assertTrue(r.out().contains("NOT VALID"), r.out());
        return r.out();
    }
}
