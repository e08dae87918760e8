package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.bundle.AuditReport;
import io.zkml.workbench.bundle.BundleManifest;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.BundleZips;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.ProvingWorkflow;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.bundle.VerificationReport.Outcome;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.ChainExecutionResult;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.VerifyResult;
import io.zkml.workbench.testing.SnarkVm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-program execution proven, bundled and verified with the real snarkVM: the hand-written
 * 3-program chain in {@code src/test/resources/chains/chain3} (entry → s1 → s2, private
 * {@code [i16; 4]} activations between them), the shape the compiler's partitioner produces. One
 * proof for the class (three circuits, synthesized once per key cache); the tampered bundles are
 * edits of that one bundle, each verified through {@code zkml verify} and failing with exit 2: an
 * edited intermediate activation, a segment's program swapped (with the manifest's hashes made to
 * match, so only the derived keys catch it), a dropped transition and reordered transitions.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainBundleSnarkVmTest {

    static final Path CHAIN_DIR = Path.of("src/test/resources/chains/chain3");
    static final String ENTRY = "zkml_chain3.aleo";
    static final String S1 = "zkml_chain3_s1.aleo";
    static final String S2 = "zkml_chain3_s2.aleo";
    /** [1, 2, 3, 4] + 1 = [2, 3, 4, 5]; × 2 = [4, 6, 8, 10]; summed: 28. */
    static final List<String> INPUT = List.of("[1i16, 2i16, 3i16, 4i16]");
    static final String OUTPUT = "28i16";

    private final ObjectMapper json = new ObjectMapper();
    private SidecarClient client;
    private ProgramChain chain;
    private ProofBundle bundle;
    private Path dir;
    private Path zip;

    /** The chain as the compiler hands it over: dependencies first, the entry last. */
    static ProgramChain chain() {
        List<ProgramSource> programs = new ArrayList<>();
        for (String id : List.of(S2, S1, ENTRY)) {
            try {
                programs.add(new ProgramSource(id, Files.readString(CHAIN_DIR.resolve(id))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ProgramChain(programs, "main");
    }

    /** What the compiler would record about the model the chain came from (here: hand-written, no model file). */
    static ExportManifest model(ProgramChain chain) {
        String entry = chain.entry().aleo();
        return new ExportManifest(ExportManifest.FORMAT_VERSION, ENTRY, "main", "chain3 (hand-written test chain)", null,
                null, null, FileHashes.sha256(entry.getBytes(StandardCharsets.UTF_8)), "test", List.of("[i16; 4u32]"),
                new OutputFormat(OutputFormat.LOGITS, 0, List.of(), List.of("i16")), null, 16, false, "constant", null, null, null);
    }

    @BeforeAll
    void prove(SidecarClient shared) throws IOException {
        client = shared;
        chain = chain();
        dir = Files.createTempDirectory("zkml-chain-");
        List<String> progress = new ArrayList<>();
        zip = dir.resolve("chain3.zip");
        bundle = new ProvingWorkflow(client, progress::add).proveChain(chain, model(chain), "", "{}",
                new ProofRequest(null, INPUT, List.of(OUTPUT)), zip);
        System.out.println("[chain3] " + String.join(" | ", progress));
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theBundleHoldsEveryProgramAndEveryTransitionInSnarkVmsOrder() {
        BundleManifest m = ProofBundle.read(zip).manifest();
        assertEquals(BundleManifest.CHAIN_FORMAT_VERSION, m.formatVersion());
        assertEquals(List.of(S2, S1, ENTRY), m.programs().stream().map(BundleManifest.ChainProgram::programId).toList());
        assertEquals(List.of(S2 + "/main", S1 + "/main", ENTRY + "/main"),
                m.transitions().stream().map(BundleManifest.ChainStep::name).toList());
        for (BundleManifest.ChainStep t : m.transitions()) {
            // Each transition fits the offline parameters on its own; its output passes up the chain.
            assertTrue(t.circuit().srsDegreeLog2() <= 16, t.name() + " " + t.circuit());
            assertEquals(List.of(OUTPUT), t.publicOutputs(), t.name());
            String text = t.programId().equals(ENTRY) ? bundle.mainAleo() : bundle.importedPrograms().get(t.programId());
            assertEquals(FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8)), t.programSha256());
        }
        assertEquals(List.of(OUTPUT), m.publicOutputs());
        assertEquals(List.of(S2 + "/main", S1 + "/main"), List.copyOf(bundle.importedKeys().keySet()));
        System.out.println("[chain3] circuits " + m.transitions().stream().map(t -> t.name() + " "
                + t.circuit().constraints()).toList() + "; timings " + m.timings() + "; execution "
                + bundle.execution().length() + " B");
    }

    @Test
    @Order(2)
    void theSidecarExecutesWithCachedKeysAndNeedsTheImportedKeysToVerify() {
        ChainExecutionResult run = client.executeChain(chain, INPUT);
        assertEquals(List.of(OUTPUT), run.outputs());
        assertTrue(run.keysFromCache(), "the proof stored every function's keys");
        assertEquals(3, run.transitions().size());

        long started = System.nanoTime();
        VerifyResult valid = client.verifyChain(chain, bundle.execution(), bundle.verifyingKeys(), false);
        System.out.printf("[chain3] verifyChain %.2f s%n", (System.nanoTime() - started) / 1e9);
        assertTrue(valid.valid(), valid.reason());
        assertTrue(valid.verifyingKeyCheckedAgainstProgram(), "the key cache holds all three functions' keys");

        Map<String, String> entryKeyOnly = Map.of(ENTRY + "/main", bundle.verifyingKey());
        VerifyResult noImports = client.verifyChain(chain, bundle.execution(), entryKeyOnly, true);
        assertFalse(noImports.valid());
        assertTrue(noImports.reason().contains("no verifying key is given for " + S2 + "/main"), noImports.reason());

        Map<String, String> swappedKeys = new LinkedHashMap<>(bundle.verifyingKeys());
        swappedKeys.put(S1 + "/main", bundle.verifyingKeys().get(S2 + "/main"));
        VerifyResult wrongKey = client.verifyChain(chain, bundle.execution(), swappedKeys, true);
        assertFalse(wrongKey.valid(), "snarkVM itself rejects a batch proof under another function's key");
    }

    @Test
    @Order(3)
    void anHonestChainBundleVerifiesAndTheReportListsTheTransitions() throws IOException {
        CliRunner.Result r = CliRunner.run(client, "verify", zip.toString(), "--json");
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("VALID", doc.path("outcome").asText(), doc.toString());
        assertTrue(doc.path("keyCheck").asText().equals(BundleVerifier.KEY_FROM_CACHE), doc.path("keyCheck").asText());
        String proven = doc.path("proven").toString();
        assertTrue(proven.contains("1. " + S2 + "/main → 28i16; 2. " + S1 + "/main → 28i16; 3. " + ENTRY + "/main → 28i16"),
                proven);

        VerificationReport report = new BundleVerifier(client, p -> { }).verify(zip.toString(), ProofBundle.read(zip),
                Optional.empty());
        assertEquals(Outcome.VALID, report.outcome(), report.verdict());
        assertTrue(report.checks().stream().anyMatch(c -> c.name().equals("program chain") && Boolean.TRUE.equals(c.passed())));
        String html = AuditReport.html(ProofBundle.read(zip), report);
        assertTrue(html.contains(S1 + "/main → 28i16"), "the audit report lists the transitions");
        assertTrue(report.statement().contains("calling 2 other programs: 3 transitions under one batch proof"),
                report.statement());
    }

    @Test
    @Order(4)
    void anEditedIntermediateActivationFailsWithExit2() throws IOException {
        // s1's private input (what the entry passed it) replaced by another well-formed ciphertext: the entry's own input.
        Path tampered = edited("activation.zip", execution -> {
            ArrayNode ts = (ArrayNode) execution.path("transitions");
            ObjectNode s1Input = (ObjectNode) ts.get(1).path("inputs").get(0);
            String other = ts.get(2).path("inputs").get(0).path("value").asText();
            assertFalse(other.equals(s1Input.path("value").asText()));
            s1Input.put("value", other);
        }, null, null);
        JsonNode doc = verifyFails(tampered);
        assertEquals("proof", failed(doc), "only snarkVM can see this: " + doc);
    }

    @Test
    @Order(5)
    void aDroppedTransitionFailsWithExit2() throws IOException {
        Path tampered = edited("dropped.zip", execution -> ((ArrayNode) execution.path("transitions")).remove(1), null, null);
        JsonNode doc = verifyFails(tampered);
        assertTrue(failed(doc).contains("program chain") && failed(doc).contains("proof"), doc.toString());
        assertTrue(doc.toString().contains("the execution's transitions are [" + S2 + "/main, " + ENTRY + "/main]"), doc.toString());
    }

    @Test
    @Order(6)
    void reorderedTransitionsFailWithExit2() throws IOException {
        Path tampered = edited("reordered.zip", execution -> {
            ArrayNode ts = (ArrayNode) execution.path("transitions");
            JsonNode first = ts.remove(0);
            ts.insert(1, first);
        }, null, null);
        JsonNode doc = verifyFails(tampered);
        assertTrue(failed(doc).contains("program chain") && failed(doc).contains("proof"), doc.toString());
    }

    @Test
    @Order(7)
    void aSwappedSegmentProgramFailsWithExit2EvenWithMatchingHashes() throws IOException {
        // Same signature, another computation; the manifest's hashes are made to match the new text,
        // so the claims hold and only the keys derived from the texts can tell.
        String original = bundle.importedPrograms().get(S1);
        String swapped = original.replace("2i16", "3i16");
        assertFalse(swapped.equals(original));
        String sha = FileHashes.sha256(swapped.getBytes(StandardCharsets.UTF_8));
        Path tampered = edited("swapped.zip", null, manifest -> {
            ((ObjectNode) manifest.path("programs").get(1)).put("programSha256", sha);
            ((ObjectNode) manifest.path("transitions").get(1)).put("programSha256", sha);
        }, Map.of(ProofBundle.PROGRAMS_DIR + S1, swapped));
        JsonNode doc = verifyFails(tampered);
        assertEquals("verifying keys", failed(doc), doc.toString());
        assertTrue(doc.toString().contains("the bundle's keys of " + S1 + "/main are not their programs'"), doc.toString());
    }

    /** The bundle with execution.json, manifest.json and other entries edited (null: unchanged). */
    private Path edited(String name, Consumer<ObjectNode> execution, Consumer<ObjectNode> manifest,
                        Map<String, String> replaced) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(BundleZips.entries(zip));
        if (execution != null) {
            ObjectNode e = (ObjectNode) json.readTree(entries.get(ProofBundle.EXECUTION));
            execution.accept(e);
            entries.put(ProofBundle.EXECUTION, json.writeValueAsBytes(e));
        }
        if (manifest != null) {
            ObjectNode m = (ObjectNode) json.readTree(entries.get(ProofBundle.MANIFEST));
            manifest.accept(m);
            entries.put(ProofBundle.MANIFEST, json.writeValueAsBytes(m));
        }
        if (replaced != null) {
            replaced.forEach((entry, text) -> entries.put(entry, text.getBytes(StandardCharsets.UTF_8)));
        }
        return BundleZips.write(dir, name, BundleZips.zip(entries));
    }

    private JsonNode verifyFails(Path tampered) throws IOException {
        CliRunner.Result r = CliRunner.run(client, "verify", tampered.toString(), "--json");
        assertEquals(ZkmlCli.VERIFICATION_FAILED, r.exit(), r.out() + r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("NOT_VALID", doc.path("outcome").asText(), doc.toString());
        return doc;
    }

    /** The names of the failed checks, comma-separated. */
    private static String failed(JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.path("checks").forEach(c -> {
            if (c.path("passed").isBoolean() && !c.path("passed").asBoolean()) {
                names.add(c.path("name").asText());
            }
        });
        return String.join(", ", names);
    }
}
