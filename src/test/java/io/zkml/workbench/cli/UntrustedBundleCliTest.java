package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.bundle.AuditReport;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.BundleZips;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.NoNodeSidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zkml verify} on bundles an attacker controls and on a machine that cannot run snarkVM.
 * The sidecar is pointed at a Node.js binary that does not exist, so nothing here reaches snarkVM:
 * a genuine bundle must then be "could not check" (exit 4), never "not valid", and every false
 * claim is still caught by the checks that need no snarkVM.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UntrustedBundleCliTest {

    static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");

    @TempDir
    Path tmp;

    private SidecarClient noNode;

    @BeforeEach
    void start() {
        noNode = NoNodeSidecar.client(tmp);
    }

    @AfterEach
    void stop() {
        noNode.close();
    }

    @Test
    void withoutNodeAGenuineBundleCouldNotBeCheckedAndIsNotCalledInvalid() {
        CliRunner.Result r = CliRunner.run(noNode, "verify", BundleZips.FIXTURE.toString());
        assertEquals(ZkmlCli.COULD_NOT_RUN, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("COULD NOT CHECK."), r.out());
        assertTrue(r.out().contains("SIDECAR_UNAVAILABLE"), r.out());
        assertFalse(r.out().contains("NOT VALID"), r.out());
        assertFalse(r.out().contains(VerificationReport.PROVEN), r.out());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(Files.exists(tmp.resolve("keys")), "nothing was written to the key cache");
    }

    @Test
    void aForgedOutputIsNotValidAndNothingIsListedAsProven() throws Exception {
        Path forged = forgedOutput();
        CliRunner.Result r = CliRunner.run(noNode, "verify", forged.toString());
        assertEquals(ZkmlCli.VERIFICATION_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[FAIL] public outputs:"), r.out());
        assertFalse(r.out().contains(VerificationReport.PROVEN), r.out());
        String claimed = r.out().substring(r.out().indexOf(VerificationReport.CLAIMED));
        assertTrue(claimed.contains("class 1 = versicolor"), r.out());

        ProofBundle b = ProofBundle.read(forged);
        VerificationReport report = new BundleVerifier(noNode, s -> { }).verify("forged.zip", b, Optional.empty());
        String html = AuditReport.html(b, report);
        assertFalse(html.contains(VerificationReport.PROVEN), html);
        assertTrue(html.contains(VerificationReport.CLAIMED) && html.contains(VerificationReport.NOT_ESTABLISHED), html);
        assertTrue(html.contains("NOT VALID"), html);
    }

    @Test
    void reorderedClassNamesFailAgainstTheModelNamingTheDifference() throws Exception {
        Path reordered = BundleZips.write(tmp, "reordered.zip", BundleZips.withManifest(m -> {
            ObjectNode decoded = (ObjectNode) m.path("decoded");
            ArrayNode names = ((ObjectNode) decoded.path("format")).putArray("classNames");
            names.add("virginica").add("versicolor").add("setosa");
            decoded.put("classLabel", "virginica"); // consistent with itself: only the model can tell
        }));
        CliRunner.Result withoutModel = CliRunner.run(noNode, "verify", reordered.toString());
        assertTrue(withoutModel.out().contains("class 0 = virginica (class names from the bundle's manifest)"),
                withoutModel.out());
        assertTrue(withoutModel.out().substring(withoutModel.out().indexOf(VerificationReport.CLAIMED))
                .contains("virginica"), "without a model the names are shown as the bundle's claim");

        CliRunner.Result r = CliRunner.run(noNode, "verify", reordered.toString(), "--model", IRIS_TINY.toString());
        assertEquals(ZkmlCli.VERIFICATION_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[FAIL] output format from model: the manifest reads the outputs differently from "
                + "iris-tiny.zip: the bundle names class 0 'virginica', your model's class 0 is 'setosa'"), r.out());
        assertTrue(r.out().contains("[ok] program from model"), r.out());
    }

    @Test
    void malformedBundlesAreNotValidWithTheProblemNamed() {
        String[][] cases = {
                {"huge-array.zip", "inputTypes", "2000000000"},
                {"free-text.zip", "inputTypes", "not an Aleo type"},
                {"no-outputs.zip", "publicOutputs", "publicOutputs is missing"},
        };
        byte[][] zips = {
                BundleZips.withManifest(m -> m.putArray("inputTypes").add("[i16; 2000000000u32]")),
                BundleZips.withManifest(m -> m.putArray("inputTypes").add("the petal and sepal sizes")),
                BundleZips.withManifest(m -> m.remove("publicOutputs")),
        };
        for (int i = 0; i < cases.length; i++) {
            Path p = BundleZips.write(tmp, cases[i][0], zips[i]);
            CliRunner.Result r = CliRunner.run(noNode, "verify", p.toString());
            assertEquals(ZkmlCli.VERIFICATION_FAILED, r.exit(), cases[i][0] + ": " + r.out() + r.err());
            assertTrue(r.out().contains("[FAIL] bundle format:") && r.out().contains(cases[i][2]), r.out());
            assertTrue(r.out().contains("NOT VALID"), r.out());
            assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
        }
        Path dup = BundleZips.write(tmp, "dup.zip", BundleZips.withDuplicateManifest("{}"));
        CliRunner.Result d = CliRunner.run(noNode, "verify", dup.toString());
        assertEquals(ZkmlCli.VERIFICATION_FAILED, d.exit(), d.out() + d.err());
        assertTrue(d.out().contains("twice"), d.out());
        Path bomb = BundleZips.write(tmp, "bomb.zip", BundleZips.bomb(ProofBundle.EXECUTION, 1L << 29));
        CliRunner.Result z = CliRunner.run(noNode, "verify", bomb.toString());
        assertEquals(ZkmlCli.VERIFICATION_FAILED, z.exit(), z.out() + z.err());
        assertTrue(z.out().contains("zip bomb"), z.out());
    }

    @Test
    void aNewerFormatOrAnEmptyFileIsAUserError() throws Exception {
        Path newer = BundleZips.write(tmp, "v99.zip", BundleZips.withManifest(m -> m.put("formatVersion", 99)));
        CliRunner.Result r = CliRunner.run(noNode, "verify", newer.toString());
        assertEquals(ZkmlCli.USER_ERROR, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("format 99"), r.err());
        Path empty = Files.createFile(tmp.resolve("empty.zip"));
        CliRunner.Result e = CliRunner.run(noNode, "verify", empty.toString());
        assertEquals(ZkmlCli.USER_ERROR, e.exit(), e.out() + e.err());
        assertTrue(e.err().contains("empty.zip") && e.err().contains("0 bytes"), e.err());
    }

    @Test
    void aFolderReportsEachBundleAndSummarises() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("inbox"));
        Files.copy(BundleZips.FIXTURE, dir.resolve("a-genuine.zip"));
        Files.createFile(dir.resolve("b-empty.zip"));
        Files.copy(forgedOutput(), dir.resolve("c-forged.zip"));
        Path summary = tmp.resolve("summary.json");
        CliRunner.Result r = CliRunner.run(noNode, "verify", dir.toString(), "--summary", summary.toString());
        assertEquals(ZkmlCli.VERIFICATION_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("a-genuine.zip") && r.out().contains("COULD NOT CHECK"), r.out());
        assertTrue(r.out().contains("b-empty.zip") && r.out().contains("UNREADABLE"), r.out());
        assertTrue(r.out().contains("c-forged.zip") && r.out().contains("NOT VALID"), r.out());
        assertTrue(r.out().contains("3 bundles: 0 valid, 1 not valid, 1 could not be checked, 1 unreadable"), r.out());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals(3, s.size());
        assertEquals("COULD_NOT_CHECK", s.get(0).path("outcome").asText());
        assertEquals("UNREADABLE", s.get(1).path("outcome").asText());
        assertEquals("NOT_VALID", s.get(2).path("outcome").asText());
    }

    /** The fixture claiming class 1 (versicolor) where the proof output class 0. */
    private Path forgedOutput() {
        return BundleZips.write(tmp, "forged.zip", BundleZips.withManifest(m -> {
            m.putArray("publicOutputs").add("1u8");
            ObjectNode decoded = (ObjectNode) m.path("decoded");
            decoded.putArray("values").add(1);
            decoded.put("classIndex", 1).put("classLabel", "versicolor");
        }));
    }
}
