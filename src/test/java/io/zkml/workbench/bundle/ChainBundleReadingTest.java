package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Format-3 (multi-program) bundles without snarkVM: writing and reading every program and key, the
 * manifest's chain rules, and the "program chain" claim check on dropped, reordered and swapped
 * parts. The execution here is a stand-in with only what the claim checks read (program, function,
 * public outputs per transition); ChainBundleSnarkVmTest does the same with a real proof.
 */
class ChainBundleReadingTest {

    private static final Path CHAIN_DIR = Path.of("src/test/resources/chains/chain3");
    private static final List<String> IDS = List.of("zkml_chain3_s2.aleo", "zkml_chain3_s1.aleo", "zkml_chain3.aleo");
    private static final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    static ProgramChain chain() throws IOException {
        List<ProgramSource> programs = new ArrayList<>();
        for (String id : IDS) {
            programs.add(new ProgramSource(id, Files.readString(CHAIN_DIR.resolve(id))));
        }
        return new ProgramChain(programs, "main");
    }

    private static String sha(String text) {
        return FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String execution(List<String> order) throws IOException {
        ArrayNode ts = json.createArrayNode();
        for (String id : order) {
            ObjectNode t = ts.addObject().put("program", id).put("function", "main");
            t.putArray("outputs").addObject().put("type", "public").put("value", "28i16");
        }
        ObjectNode root = json.createObjectNode();
        root.set("transitions", ts);
        return json.writeValueAsString(root);
    }

    private ProofBundle bundle(ProgramChain c, String execution) {
        return bundle(c, execution, null);
    }

    /** A format-3 bundle of {@code c} with a stand-in execution, as proving row {@code row} (null: an input) writes it. */
    static ProofBundle bundle(ProgramChain c, String execution, Integer row) {
        List<BundleManifest.ChainProgram> programs = c.programs().stream()
                .map(p -> new BundleManifest.ChainProgram(p.programId(), sha(p.aleo()))).toList();
        List<BundleManifest.ChainStep> steps = c.programs().stream()
                .map(p -> new BundleManifest.ChainStep(p.programId(), "main", sha(p.aleo()), null, List.of("28i16"))).toList();
        OutputFormat format = new OutputFormat(OutputFormat.LOGITS, 0, List.of(), List.of("i16"));
        String entry = c.entry().aleo();
        BundleManifest m = new BundleManifest(BundleManifest.CHAIN_FORMAT_VERSION, "zkml_chain3.aleo", "main",
                List.of("28i16"), new BundleManifest.Decoded(format, new long[] {28}, new double[] {28.0}, null, null),
                List.of("[i16; 4u32]"), row, "chain3", null, null, sha(entry), null, null,
                new BundleManifest.Timings(0, 0, 0, null), null, false, null,
                "constant", null, null, programs, steps);
        Map<String, String> imported = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (ProgramSource p : c.programs().subList(0, 2)) {
            imported.put(p.programId(), p.aleo());
            keys.put(p.programId() + "/main", "verifier1key-of-" + p.programId());
        }
        return new ProofBundle(m, entry, "", execution, "verifier1key-of-entry", "{}", imported, keys);
    }

    @Test
    void aChainBundleKeepsEveryProgramAndKeyInItsZipAndItsFolder() throws IOException {
        ProofBundle b = bundle(chain(), execution(IDS));
        Path zip = dir.resolve("chain.zip");
        b.writeZip(zip);
        Path folder = dir.resolve("chain");
        b.writeFolder(folder);
        assertTrue(Files.isRegularFile(folder.resolve("programs/zkml_chain3_s1.aleo")));
        assertTrue(Files.isRegularFile(folder.resolve("verifying_keys/zkml_chain3_s1.aleo/main.txt")));
        for (Path p : List.of(zip, folder)) {
            ProofBundle read = ProofBundle.read(p);
            assertEquals(b.importedPrograms(), read.importedPrograms(), p.toString());
            assertEquals(b.verifyingKeys(), read.verifyingKeys(), p.toString());
            assertEquals(IDS, read.chain().programs().stream().map(ProgramSource::programId).toList());
            assertEquals(b.manifest().transitions(), read.manifest().transitions());
        }
        ClaimChecks.Result r = ClaimChecks.run(ProofBundle.read(zip), Optional.empty());
        assertTrue(r.checks().stream().allMatch(c -> Boolean.TRUE.equals(c.passed())), r.checks().toString());
        assertTrue(r.checks().stream().anyMatch(c -> c.name().equals(ChainClaims.CHECK)), r.checks().toString());
    }

    @Test
    void droppedReorderedOrSwappedPartsFailTheProgramChainCheck() throws IOException {
        ProgramChain c = chain();
        assertTransitionsDiffer(bundle(c, execution(List.of(IDS.get(0), IDS.get(2)))));      // dropped
        assertTransitionsDiffer(bundle(c, execution(List.of(IDS.get(1), IDS.get(0), IDS.get(2))))); // reordered
        ProofBundle honest = bundle(c, execution(IDS));
        Map<String, String> swapped = new LinkedHashMap<>(honest.importedPrograms());
        swapped.put(IDS.get(1), swapped.get(IDS.get(1)).replace("2i16", "3i16"));
        ProofBundle b = new ProofBundle(honest.manifest(), honest.mainAleo(), "", honest.execution(), honest.verifyingKey(),
                "{}", swapped, honest.importedKeys());
        String detail = chainCheck(b).detail();
        assertTrue(detail.contains("SHA-256 of programs/zkml_chain3_s1.aleo is"), detail);
    }

    private static void assertTransitionsDiffer(ProofBundle b) {
        VerificationReport.Check c = chainCheck(b);
        assertTrue(c.failed(), c.toString());
        assertTrue(c.detail().contains("the execution's transitions are"), c.detail());
    }

    private static VerificationReport.Check chainCheck(ProofBundle b) {
        return ClaimChecks.run(b, Optional.empty()).checks().stream().filter(c -> c.name().equals(ChainClaims.CHECK))
                .findFirst().orElseThrow();
    }

    @Test
    void theManifestsChainRulesAreHeld() throws IOException {
        byte[] honest = zip(bundle(chain(), execution(IDS)));
        assertMalformed(honest, m -> m.remove("programs"), "programs is missing");
        assertMalformed(honest, m -> m.put("formatVersion", 2), "programs is only part of format 3");
        assertMalformed(honest, m -> ((ArrayNode) m.path("programs")).add(m.path("programs").get(0).deepCopy()), "twice");
        assertMalformed(honest, m -> ((ObjectNode) m.path("programs").get(0)).put("programId", "../evil"), "program id");
        assertMalformed(honest, m -> {
            ArrayNode ts = (ArrayNode) m.path("transitions");
            while (ts.size() < 32) {
                ts.insert(0, ts.get(0).deepCopy());
            }
        }, "1 to 31 transitions");
        assertMalformed(honest, m -> ((ArrayNode) m.path("transitions")).remove(2), "must end with the entry's transition");
        assertMalformed(honest, m -> ((ObjectNode) m.path("transitions").get(1)).put("programSha256", "0".repeat(64)),
                "another SHA-256");
        // A listed program that is not in the zip.
        Map<String, byte[]> entries = new LinkedHashMap<>(entriesOf(honest));
        entries.remove("programs/zkml_chain3_s1.aleo");
        BundleRejectedException missing = assertThrows(BundleRejectedException.class,
                () -> ProofBundle.readZip(BundleZips.zip(entries), "chain.zip", BundleLimits.DEFAULT));
        assertTrue(missing.malformed() && missing.getMessage().contains("programs/zkml_chain3_s1.aleo is missing"),
                missing.getMessage());
        BundleRejectedException newer = assertThrows(BundleRejectedException.class, () -> ProofBundle.readZip(
                edited(honest, m -> m.put("formatVersion", 4)), "chain.zip", BundleLimits.DEFAULT));
        assertFalse(newer.malformed());
        assertTrue(newer.getMessage().contains("formats 1 to 3"), newer.getMessage());
    }

    @Test
    void theChainIsReadFromTheTexts() throws IOException {
        ProgramChain c = chain();
        assertEquals(List.of("zkml_chain3_s2.aleo/main", "zkml_chain3_s1.aleo/main", "zkml_chain3.aleo/main"),
                c.transitions().stream().map(ProgramChain.Call::name).toList());
        // A program without imports is keyed as in the single-program path; an importer with its imports' texts.
        assertEquals(c.programs().get(0).aleo(), c.keyText(IDS.get(0)));
        assertEquals(c.programs().get(1).aleo() + "\0" + c.programs().get(0).aleo(), c.keyText(IDS.get(1)));
        assertEquals(c.entry().aleo() + "\0" + c.programs().get(0).aleo() + "\0" + c.programs().get(1).aleo(),
                c.keyText(IDS.get(2)));
        // A segment's own execution (how a verifier derives only that segment's keys): it and what it imports.
        ProgramChain s1 = c.rootedAt(IDS.get(1), "main");
        assertEquals(List.of(c.programs().get(0), c.programs().get(1)), s1.programs());
        assertEquals(List.of("zkml_chain3_s2.aleo/main", "zkml_chain3_s1.aleo/main"),
                s1.transitions().stream().map(ProgramChain.Call::name).toList());
        assertEquals(c.keyText(IDS.get(1)), s1.keyText(IDS.get(1)), "its keys are named as in the whole chain");
        assertEquals(List.of(c.programs().get(0)), c.rootedAt(IDS.get(0), "main").programs());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> new ProgramChain(List.of(c.programs().get(1), c.programs().get(0), c.entry()), "main"));
        assertTrue(order.getMessage().contains("not listed before it"), order.getMessage());
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
                () -> new ProgramChain(List.of(new ProgramSource("other.aleo", c.programs().get(0).aleo())), "main"));
        assertTrue(named.getMessage().contains("declares zkml_chain3_s2.aleo"), named.getMessage());
    }

    private byte[] zip(ProofBundle b) {
        Path zip = dir.resolve("honest.zip");
        b.writeZip(zip);
        try {
            return Files.readAllBytes(zip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, byte[]> entriesOf(byte[] zip) throws IOException {
        Path p = Files.write(dir.resolve("entries.zip"), zip);
        return BundleZips.entries(p);
    }

    private byte[] edited(byte[] zip, Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(entriesOf(zip));
        ObjectNode m = (ObjectNode) json.readTree(entries.get(ProofBundle.MANIFEST));
        edit.accept(m);
        entries.put(ProofBundle.MANIFEST, json.writeValueAsBytes(m));
        return BundleZips.zip(entries);
    }

    private void assertMalformed(byte[] zip, Consumer<ObjectNode> edit, String named) throws IOException {
        byte[] bad = edited(zip, edit);
        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> ProofBundle.readZip(bad, "chain.zip", BundleLimits.DEFAULT));
        assertTrue(e.malformed(), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
