package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ONNX samples through calibrate → compile → snarkVM: digits-onnx (2^17, beyond the offline
 * SRS) evaluated in snarkVM on committed test rows, every output equal to the integer simulator's;
 * iris-onnx (2^16) proven offline with {@code zkml prove} (which checks the outputs against the
 * simulator) and the bundle verified with {@code zkml verify}.
 */
@SnarkVm
class OnnxSamplesSnarkVmTest {

    static final Path DIGITS = Path.of("sample-models/digits-onnx.onnx");
    static final Path IRIS = Path.of("sample-models/iris-onnx.onnx");
    static final int ROWS = 4;

    @Test
    void digitsOnnxRunsInSnarkVmBitEqualToTheSimulator(SidecarClient shared) throws Exception {
        ModelSession session = ModelSession.open(DIGITS, null);
        QuantSpec spec = session.calibrate();
        CompiledModel compiled = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
        Dataset test = session.dataset().orElseThrow();
        float[][] normalized = Arrays.copyOf(session.normalizedFeatures(), ROWS);
        float[][] raw = Arrays.copyOf(test.features(), ROWS);
        List<SampleRow> rows = new RowEncoder(compiled).encode(normalized, raw, Arrays.copyOf(test.labels(), ROWS), 0);
        for (SampleRow row : rows) {
            RowEncoder.requireClean(row);
            List<String> outputs = shared.evaluate(compiled.aleoText(), compiled.function(), row.inputs());
            assertEquals(row.expectedOutputs(), outputs, "digits-onnx row " + row.index());
        }
    }

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
