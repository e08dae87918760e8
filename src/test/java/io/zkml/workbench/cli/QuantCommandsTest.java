package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate, eval, simulate and auto-tune on the bundled samples: JSON output, exit codes, user errors. */
class QuantCommandsTest {

    private static final String BREAST = "sample-models/breast-cancer-mlp.zip";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    static CliRunner.Result run(String... args) {
        return CliRunner.run(null, args);
    }

    @Test
    void calibrateThenEvalTheWrittenSpec() throws Exception {
        Path spec = tmp.resolve("quant.json");
        CliRunner.Result c = run("calibrate", BREAST, "--json", "--out", spec.toString());
        assertEquals(0, c.exit(), c.err());
        JsonNode printed = json.readTree(c.out());
        assertEquals(1, printed.get("version").asInt());
        assertTrue(printed.get("layers").has("layer0"));
        assertEquals(json.readTree(Files.readString(spec)), printed);

        CliRunner.Result e = run("eval", BREAST, "--quant", spec.toString(), "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode ev = json.readTree(e.out()).get("evaluation");
        assertEquals("DL4J", ev.get("reference").get("kind").asText());
        assertEquals(109.0 / 113, ev.get("output").get("floatAccuracy").asDouble(), 1e-9);
        assertEquals(4, ev.get("layers").size());
        // The same spec computed on the fly gives the same figures.
        CliRunner.Result d = run("eval", BREAST, "--json");
        assertEquals(ev.get("output"), json.readTree(d.out()).get("evaluation").get("output"));
    }

    @Test
    void simulateOneRow() throws Exception {
        CliRunner.Result r = run("simulate", "sample-models/iris-mlp.zip", "--input", "5.1,3.5,1.4,0.2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = json.readTree(r.out());
        assertEquals(0, s.get("floatClass").asInt());
        assertEquals(0, s.get("quantizedClass").asInt());
        assertEquals(4, s.get("quantizedInput").size());
    }

    @Test
    void evalWarnsAboutOverflowButSucceeds() throws Exception {
        QuantSpecJson io = new QuantSpecJson();
        Path spec = tmp.resolve("calibrated.json");
        assertEquals(0, run("calibrate", BREAST, "--out", spec.toString()).exit());
        QuantSpec q = io.read(spec);
        Path narrow = tmp.resolve("narrow.json");
        io.write(q.withLayer("layer0", q.layer("layer0").withDomain(Domain.I8)), narrow);
        CliRunner.Result r = run("eval", BREAST, "--quant", narrow.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("WARNING: overflow"), r.out());
        assertTrue(r.out().contains("layer0: "), r.out());
        assertTrue(r.out().contains("first during the run: layer0: "), r.out());
    }

    @Test
    void evalReportsCollapseInJsonAndText() throws Exception {
        String iris = "sample-models/iris-tiny.zip";
        QuantSpecJson io = new QuantSpecJson();
        Path spec = tmp.resolve("calibrated.json");
        assertEquals(0, run("calibrate", iris, "--out", spec.toString()).exit());
        CliRunner.Result healthy = run("eval", iris, "--quant", spec.toString(), "--json");
        assertEquals(0, healthy.exit(), healthy.err());
        assertTrue(json.readTree(healthy.out()).get("collapse").isNull(), healthy.out());

        // layer0's range shrinks to ±2^-4 (fraction bits past its 16 bits): most values clip.
        QuantSpec q = io.read(spec);
        Path narrow = tmp.resolve("narrow.json");
        io.write(q.withLayer("layer0", q.layer("layer0").withActivationFracBits(q.layer("layer0").activationBits() + 3)),
                narrow);
        CliRunner.Result r = run("eval", iris, "--quant", narrow.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        JsonNode c = doc.get("collapse");
        assertEquals("layer0", c.get("layer").asText());
        assertEquals(doc.get("evaluation").get("layers").get(1).get("saturatedFraction").asDouble(),
                c.get("clippedShare").asDouble());
        assertTrue(c.get("message").asText().contains("Calibrate"), c.toString());
        CliRunner.Result text = run("eval", iris, "--quant", narrow.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("WARNING: collapse — " + c.get("message").asText()), text.out());
        assertFalse(text.out().contains("WARNING: overflow"), text.out());
    }

    @Test
    void autoTuneWritesACheaperSpecThatEvalAccepts() throws Exception {
        Path out = tmp.resolve("tuned.json");
        CliRunner.Result r = run("auto-tune", BREAST, "--max-accuracy-drop", "0.5", "--out", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode t = json.readTree(r.out());
        assertTrue(t.get("chosen").get("constraints").asLong() < t.get("baseline").get("constraints").asLong());
        assertTrue(t.get("chosen").get("meetsTarget").asBoolean());
        assertEquals("snarkvm-measured", t.get("estimator").asText());
        assertTrue(t.get("estimateNote").asText().contains("measured snarkVM cost table"), t.toString());
        assertTrue(t.get("estimatorFallbackReason").isNull());
        assertTrue(t.get("pareto").size() >= 1);
        assertEquals(json.readTree(Files.readString(out)), t.get("spec"));
        CliRunner.Result e = run("eval", BREAST, "--quant", out.toString(), "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode o = json.readTree(e.out()).get("evaluation").get("output");
        assertTrue(o.get("floatAccuracy").asDouble() - o.get("quantizedAccuracy").asDouble() <= 0.005, o.toString());
    }

    @Test
    void autoTuneTextWithAgreementTarget() {
        CliRunner.Result r = run("auto-tune", "sample-models/iris-tiny.zip", "--min-agreement", "99");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("argmax agreement at least 99.0%"), r.out());
        assertTrue(r.out().contains("Pareto front"), r.out());
        assertTrue(r.out().contains("estimator: snarkvm-measured"), r.out());
        assertTrue(r.err().isEmpty(), "no progress bar without a terminal: " + r.err());
    }

    @Test
    void badModelFileIsAUserError() throws Exception {
        Path notAModel = tmp.resolve("model.zip");
        Files.writeString(notAModel, "hello");
        for (String cmd : new String[] {"calibrate", "eval", "auto-tune"}) {
            CliRunner.Result r = run(cmd, notAModel.toString());
            assertEquals(1, r.exit(), cmd + ": " + r.err());
            assertTrue(r.err().contains("is not a DL4J model zip, a Keras .h5 file nor an ONNX model"), cmd + ": " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        CliRunner.Result missing = run("auto-tune", tmp.resolve("missing.zip").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("file not found"), missing.err());
    }

    @Test
    void badDataAndSpecFilesAreUserErrors() throws Exception {
        Path csv = tmp.resolve("three.csv");
        Files.writeString(csv, "a,b,c,label\n1,2,3,0\n4,5,6,1\n");
        CliRunner.Result data = run("eval", BREAST, "--data", csv.toString());
        assertEquals(1, data.exit(), data.err());
        assertTrue(data.err().contains("feature columns but model"), data.err());

        CliRunner.Result spec = run("eval", BREAST, "--quant", tmp.resolve("none.json").toString());
        assertEquals(1, spec.exit());
        assertTrue(spec.err().contains("quantization spec not found"), spec.err());

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"version\": 1, \"inputFracBits\": ");
        CliRunner.Result b = run("eval", BREAST, "--quant", broken.toString());
        assertEquals(1, b.exit(), b.err());
        assertTrue(b.err().contains("malformed JSON"), b.err());

        CliRunner.Result regressor = run("auto-tune", "sample-models/diabetes-regression.zip");
        assertEquals(1, regressor.exit());
        assertTrue(regressor.err().contains("regressor"), regressor.err());
    }
}
