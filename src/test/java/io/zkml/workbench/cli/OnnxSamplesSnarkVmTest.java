package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.SnarkVm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The ONNX samples through calibrate → compile → snarkVM: iris-onnx (2^16) proven offline with
 * {@code zkml prove} (which checks the outputs against the simulator) and the bundle verified with
 * {@code zkml verify}. digits-onnx (2^17, beyond the offline SRS), evaluated on committed test rows, is
 * {@link OnnxDigitsSnarkVmTest}'s: evaluations only, which run beside the proving classes (issue #15).
 */
@SnarkVm
class OnnxSamplesSnarkVmTest {

    static final Path IRIS = Path.of("sample-models/iris-onnx.onnx");

    @Test
    void irisOnnxIsProvenOfflineAndVerifies(SidecarClient shared) throws Exception {
        try (SidecarTestbed testbed = SidecarTestbed.start("zkml-onnx-", shared)) {
            Path bundle = testbed.tmp.resolve("iris-onnx-row3.zip");
            CliRunner.Result cost = CliRunner.run(testbed.client, "cost", IRIS.toString(), "--json");
            assertEquals(0, cost.exit(), cost.err());
            assertTrue(new ObjectMapper().readTree(cost.out()).path("srsDegreeLog2").asInt() <= 16,
                    "iris-onnx fits the offline SRS");

            CliRunner.Result proof = CliRunner.run(testbed.client, "prove", IRIS.toString(), "--row", "3",
                    "--out", bundle.toString(), "--json");
            assertEquals(0, proof.exit(), proof.err());
            assertTrue(Files.isRegularFile(bundle));
            JsonNode manifest = new ObjectMapper().readTree(proof.out()).path("manifest");
            assertEquals(3, manifest.path("row").asInt());
            assertFalse(manifest.path("programSha256").asText().isEmpty());

            CliRunner.Result verify = CliRunner.run(testbed.client, "verify", bundle.toString(), "--model",
                    IRIS.toString(), "--json");
            assertEquals(0, verify.exit(), verify.out() + verify.err());
            JsonNode doc = new ObjectMapper().readTree(verify.out());
            assertEquals("VALID", doc.path("outcome").asText(), doc.toString());
            assertTrue(doc.path("valid").asBoolean());
        }
    }
}
