package io.zkml.workbench.cli;

import io.zkml.workbench.testing.SnarkVm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.BundleZips;
import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.bundle.VerificationReport.Outcome;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
 * Verifying bundles from strangers with the real snarkVM, on the committed iris-tiny fixture (so
 * nothing is proven here). One fresh key cache for the class and one key synthesis in all: the
 * cache starts with a damaged entry for the fixture's program, which must not make the genuine
 * bundle "not valid"; verifying stores no proving key, only the verifying key's hash, which the
 * next verification uses. An empty parameter folder gives "could not check", not a verdict.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UntrustedBundleSnarkVmTest {

    private final ObjectMapper json = new ObjectMapper();
    private SidecarTestbed testbed;
    private SidecarClient client;
    private ProofBundle genuine;

    @BeforeAll
    void start(SidecarClient shared) throws Exception {
        testbed = SidecarTestbed.own("zkml-untrusted-", shared, true);
        client = testbed.client;
        genuine = ProofBundle.read(BundleZips.FIXTURE);
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void aDamagedKeyCacheEntryDoesNotMakeAGenuineBundleInvalid() throws Exception {
        String id = KeyCache.keyId(genuine.mainAleo(), "main");
        Files.createDirectories(testbed.keys());
        Files.writeString(testbed.keys().resolve(id + ".verifier"), "verifier1damaged");
        Files.writeString(testbed.keys().resolve(id + ".json"), "{\"constraints\": 1}");
        Files.writeString(testbed.keys().resolve(id + ".prover"), "truncated");

        CliRunner.Result r = CliRunner.run(client, "verify", BundleZips.FIXTURE.toString(), "--json");
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("VALID", doc.path("outcome").asText());
        // The damaged entry fails its checksum, so it is not read at all: the key is derived afresh.
        assertTrue(doc.path("keyCheck").asText().startsWith(BundleVerifier.KEY_RESYNTHESIZED), doc.toString());
        assertTrue(doc.path("proven").toString().contains("0u8"), doc.toString());
    }

    @Test
    @Order(2)
    void verifyingStoresOnlyTheVerifyingKeyHashAndUsesItNextTime() throws Exception {
        String id = KeyCache.keyId(genuine.mainAleo(), "main");
        try (Stream<Path> files = Files.list(testbed.keys())) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(id + ".json", id + ".prover", id + ".verifier", id + KeyCache.VK_HASH), names,
                    "no proving key was written (the .prover is the damaged one this test wrote)");
        }
        assertEquals("truncated", Files.readString(testbed.keys().resolve(id + ".prover")));
        assertTrue(Files.size(testbed.keys().resolve(id + KeyCache.VK_HASH)) < 100);

        CliRunner.Result r = CliRunner.run(client, "verify", BundleZips.FIXTURE.toString(), "--model",
                UntrustedBundleCliTest.IRIS_TINY.toString());
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("VALID."), r.out());
        assertTrue(r.out().contains(BundleVerifier.KEY_FROM_RECORD), r.out());
        System.out.println("[verify --model, key from record]\n" + r.out());
        String proven = r.out().substring(r.out().indexOf(VerificationReport.PROVEN), r.out().indexOf(VerificationReport.CLAIMED));
        assertTrue(proven.contains("Decoded (by your model): class 0 = setosa"), r.out());
        assertTrue(proven.contains("Public output: 0u8"), r.out());
        assertFalse(r.out().substring(r.out().indexOf(VerificationReport.CLAIMED), r.out().indexOf(VerificationReport.NOT_ESTABLISHED + ":"))
                        .contains("setosa"),
                "with the model, the class names are not the bundle's claim");
    }

    /** A few mutated bundles through the full check (the parsing stages are fuzzed in BundleFuzzTest). */
    @Test
    @Order(3)
    void mutatedProofsEndInNotValid() {
        BundleVerifier verifier = new BundleVerifier(client, s -> { });
        String ex = genuine.execution();
        int at = ex.indexOf("proof1") + 200;
        String[] executions = {
                ex.substring(0, at) + (ex.charAt(at) == 'q' ? 'p' : 'q') + ex.substring(at + 1),
                ex.replace("\"value\":\"0u8\"", "\"value\":\"1u8\""),
                ex.substring(0, ex.length() / 2),
        };
        for (String e : executions) {
            ProofBundle b = new ProofBundle(genuine.manifest(), genuine.mainAleo(), genuine.mainLeo(), e,
                    genuine.verifyingKey(), genuine.quantJson());
            VerificationReport r = verifier.verify("mutated", b, Optional.empty());
            assertEquals(Outcome.NOT_VALID, r.outcome(), r.checks().toString());
            assertTrue(r.proven().isEmpty());
        }
    }

    @Test
    @Order(4)
    void missingParametersGiveCouldNotCheck() throws Exception {
        Path emptyParams = Files.createDirectories(testbed.tmp.resolve("empty-params"));
        SidecarConfig config = client.config().withParamsDir(emptyParams).withKeyCacheDir(testbed.tmp.resolve("fresh-keys"));
        try (SidecarClient noParams = client.sibling(config, p -> { })) {
            CliRunner.Result r = CliRunner.run(noParams, "verify", BundleZips.FIXTURE.toString());
            assertEquals(ZkmlCli.COULD_NOT_RUN, r.exit(), r.out() + r.err());
            assertTrue(r.out().startsWith("COULD NOT CHECK."), r.out());
            assertTrue(r.out().contains("MISSING_PARAMETER"), r.out());
            assertFalse(r.out().contains("NOT VALID"), r.out());
        }
    }
}
