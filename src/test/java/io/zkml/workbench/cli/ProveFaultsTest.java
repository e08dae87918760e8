package io.zkml.workbench.cli;

import io.zkml.workbench.testing.SnarkVm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.BundleNotWrittenException;
import io.zkml.workbench.bundle.BundleProver;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.SampleJson;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.SharedProofs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `zkml prove` when things go wrong around a proof, with the real snarkVM on iris-tiny: a batch
 * with a row snarkVM rejects, resuming it, an output location that cannot be written (before and after
 * proving), and a sidecar that stops answering. One proof in all (issue #15; it was two): the batch's
 * good row, proven after snarkVM rejected the row before it and in place of a damaged bundle left by an
 * earlier run, so it is also the resume's "damaged, prove again" and a second proof of the program (the
 * run's shared iris-tiny proof, the same program text, put its keys in the cache first); then the CLI's
 * {@code --resume} skips the row it wrote, and the folder of bundles is verified.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProveFaultsTest {

    private final ObjectMapper json = new ObjectMapper();
    private SidecarTestbed testbed;
    private Path tmp;
    private Path project;
    private Path blocker;

    @BeforeAll
    void start(SidecarClient shared, SharedProofs proofs) throws Exception {
        // The run's iris-tiny proof (made once for every class that needs one; free after the first) is of
        // the program exported below, so this class's one proof is a second proof, with the keys cached.
        proofs.irisTiny();
        testbed = SidecarTestbed.own("zkml-faults-", shared, false);
        tmp = testbed.tmp;
        project = tmp.resolve("iris");
        assertEquals(0, CliRunner.run(null, "export", ProvePipelineTest.IRIS_TINY.toString(), "--out", project.toString()).exit());
        // A folder cannot be made below a regular file, even by root (whom chmod would not stop).
        blocker = Files.writeString(tmp.resolve("a-file"), "");
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    @Order(1)
    void anOutputThatCannotBeWrittenIsRefusedBeforeProving() {
        CliRunner.Result one = CliRunner.run(testbed.client, "prove", project.toString(), "--row", "0",
                "--out", blocker.resolve("row0.zip").toString());
        assertEquals(ZkmlCli.USER_ERROR, one.exit(), one.err());
        assertTrue(one.err().contains("nothing was proven"), one.err());
        assertTrue(testbed.client.processHandle().isEmpty(), "the sidecar was never asked to prove");

        Path csv = csv("rows.csv", 1);
        CliRunner.Result batch = CliRunner.run(testbed.client, "prove", project.toString(), "--rows-from", csv.toString(),
                "--out-dir", blocker.resolve("out").toString());
        assertEquals(ZkmlCli.USER_ERROR, batch.exit(), batch.err());
        assertTrue(batch.err().contains("nothing was proven"), batch.err());
        assertTrue(testbed.client.processHandle().isEmpty(), "the sidecar was never asked to prove");
    }

    @Test
    @Order(2)
    void aBatchProvesEveryGoodRowWritesItsSummaryAndResumes() throws Exception {
        ExportedProject p = ExportedProject.read(project);
        SampleJson s = p.sample(0);
        SampleRow good = new SampleRow(0, s.rawFeatures(), s.label(), s.inputs(), s.expectedOutputs(), null, null);
        // snarkVM rejects this row's input (two values where the program takes four); it comes first,
        // so the good row after it shows that one failure does not stop the batch.
        SampleRow rejected = new SampleRow(7, s.rawFeatures(), s.label(), List.of("[1i16, 2i16]"), s.expectedOutputs(), null, null);
        Path out = Files.createDirectories(tmp.resolve("batch"));
        // What a killed earlier run leaves: half of row 0's bundle. Resuming proves the row again (the CLI's
        // --resume is this flag: ProveCommand hands it to BatchProver), rather than skipping or failing it.
        Files.writeString(out.resolve("row-0.zip"), "half a zip");
        List<BatchProver.RowResult> heard = new ArrayList<>();
        BatchProver.Summary summary = new BatchProver(new BundleProver(testbed.client, note -> { }))
                .prove(p, List.of(rejected, good), out, true, heard::add);
        assertEquals(summary.rows(), heard);
        assertEquals(List.of(BatchProver.Status.failed, BatchProver.Status.proven),
                summary.rows().stream().map(BatchProver.RowResult::status).toList());
        assertTrue(summary.rows().get(0).error().startsWith("snarkVM: "), summary.rows().get(0).error());
        JsonNode written = json.readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of("failed", "proven"), statuses(written));
        ProofBundle row0 = ProofBundle.read(out.resolve("row-0.zip"));
        assertEquals(0, row0.manifest().row(), "the damaged bundle was replaced by a proof of row 0");
        // A second proof of the program (ProvePipelineTest's before issue #15; its bundle is now the run's shared one).
        assertTrue(written.get(1).path("keysFromCache").asBoolean(), "no synthesis the second time");
        assertEquals(written.get(1).path("datasetLabel").asInt(), written.get(1).path("predictedClass").asInt());

        // The CLI's --resume skips a row whose bundle is there and readable; --json keeps stderr quiet
        // (CommittedPipelineTest holds the same while a --json prove really proves).
        Path csv = csv("one-row.csv", 1);
        CliRunner.Result resumed = CliRunner.run(testbed.client, "prove", project.toString(), "--rows-from", csv.toString(),
                "--out-dir", out.toString(), "--resume", "--json");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals("", resumed.err(), "--json keeps stderr quiet");
        assertEquals(List.of("skipped"), statuses(json.readTree(resumed.out())));
        JsonNode skipped = json.readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of("skipped"), statuses(skipped));
        assertEquals(row0.manifest().publicOutputs().get(0), skipped.get(0).path("outputs").get(0).asText());
        CliRunner.Result text = CliRunner.run(testbed.client, "prove", project.toString(), "--rows-from", csv.toString(),
                "--out-dir", out.toString(), "--resume");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("0 proven, 1 skipped (already proven), 0 failed"), text.out());
        assertEquals(0, CliRunner.run(testbed.client, "verify", out.toString()).exit(), "folder of bundles: table, all valid");
    }

    @Test
    @Order(3)
    void aFinishedProofThatCannotBeWrittenIsKeptAndTheErrorSaysWhere() throws Exception {
        ProofBundle proof = ProofBundle.read(tmp.resolve("batch/row-0.zip"));
        Path recovery = tmp.resolve("recovered");
        BundleNotWrittenException e = assertThrows(BundleNotWrittenException.class,
                () -> proof.writeZip(blocker.resolve("row0.zip"), recovery));
        assertTrue(e.keptAt().startsWith(recovery), e.keptAt().toString());
        assertTrue(e.getMessage().contains("The bundle is kept in " + e.keptAt()), e.getMessage());
        ProofBundle kept = ProofBundle.read(e.keptAt());
        assertEquals(proof.execution(), kept.execution(), "the kept bundle is the whole proof");
        assertEquals(proof.verifyingKey(), kept.verifyingKey());
        assertEquals(proof.mainAleo(), kept.mainAleo());
        assertEquals(proof.manifest().publicOutputs(), kept.manifest().publicOutputs());
    }

    @Test
    @Order(4)
    void aSidecarThatStopsAnsweringEndsTheCommandWithExitFourAndNoStackTrace() throws Exception {
        try (SidecarClient client = testbed.client.sibling(testbed.client.config().withHeartbeatTimeout(Duration.ofSeconds(5)), p -> { })) {
            client.ping();
            long pid = client.processHandle().orElseThrow().pid();
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor());
            CliRunner.Result r = CliRunner.run(client, "prove", project.toString(), "--row", "0",
                    "--out", tmp.resolve("never.zip").toString());
            assertEquals(ZkmlCli.COULD_NOT_RUN, r.exit(), r.err());
            assertTrue(r.err().contains("error: the snarkVM sidecar was stopped while running 'prove': it gave no sign of life"),
                    r.err());
            assertFalse(r.err().contains("internal error"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(r.err().contains("overflow"), r.err());
        }
    }

    private Path csv(String name, int rows) {
        try {
            List<String> lines = Files.readAllLines(Path.of("sample-models/data/iris-tiny-test.csv"));
            return Files.write(tmp.resolve(name), lines.subList(0, rows + 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> statuses(JsonNode summary) {
        List<String> out = new ArrayList<>();
        summary.forEach(r -> out.add(r.path("status").asText()));
        return out;
    }
}
