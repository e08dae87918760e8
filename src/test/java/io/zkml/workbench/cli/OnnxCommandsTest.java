package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An .onnx file goes through the CLI like any model: inspect, eval (against ONNX Runtime), export. */
class OnnxCommandsTest {

    static final Path DIGITS = Path.of("sample-models/digits-onnx.onnx");

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void inspectNamesTheOnnxSourceAndTheNchwInput() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "inspect", DIGITS.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("ONNX", doc.path("sourceKind").asText());
        assertEquals("[1,8,8]", doc.path("inputShape").toString());
        assertEquals(810, doc.path("parameters").asInt());
        assertEquals("ONNX Gemm+Softmax", doc.path("layers").get(4).path("sourceClass").asText());
    }

    @Test
    void evalComparesAgainstOnnxRuntime() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "eval", DIGITS.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("ONNX_RUNTIME", doc.path("evaluation").path("reference").path("kind").asText(), doc.toString());
        assertEquals(349.0 / 359, doc.path("evaluation").path("output").path("floatAccuracy").asDouble(), 1e-9);
    }

    @Test
    void exportWritesTheLeoProjectOfAnOnnxModel() throws Exception {
        Path out = tmp.resolve("digits");
        CliRunner.Result r = CliRunner.run(null, "export", DIGITS.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.readString(out.resolve("build/main.aleo")).contains("program digits_onnx.aleo;"));
        assertTrue(Files.isRegularFile(out.resolve("src/main.leo")));
    }

    @Test
    void anUnsupportedOnnxModelIsAUserErrorNamingTheNode() throws Exception {
        Path bad = tmp.resolve("bad.onnx");
        // ir_version 8, then field 7 (graph) cut short
        Files.write(bad, new byte[] {0x08, 0x08, 0x3a, 0x7f, 0x0a});
        CliRunner.Result r = CliRunner.run(null, "inspect", bad.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("not a valid ONNX model"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
