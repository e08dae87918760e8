package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InspectCommandTest {

    static CliRunner.Result run(String... args) {
        return CliRunner.run(null, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-mlp", "iris-tiny", "breast-cancer-mlp", "digits-cnn", "diabetes-regression", "wine-mlp"})
    void inspectJsonDescribesEverySample(String name) throws Exception {
        SampleInfo info = SampleCatalog.get(name);
        CliRunner.Result r = run("inspect", "sample-models/" + name + ".zip", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(name, json.get("model").asText());
        assertEquals(info.parameters(), json.get("parameters").asLong());
        assertTrue(json.get("layers").size() >= 3);
        JsonNode first = json.get("layers").get(0);
        for (String field : new String[] {"index", "name", "type", "inputs", "outputShape", "parameters", "activation"}) {
            assertTrue(first.has(field), "layer field " + field);
        }
        assertEquals("Input", first.get("type").asText());
        assertTrue(json.get("normalizer").asText().matches("standardize|minmax"), json.get("normalizer").asText());
    }

    @Test
    void digitsShowsConvolutionPoolingAndPreprocessors() {
        CliRunner.Result r = run("inspect", "sample-models/digits-cnn.zip");
        assertEquals(0, r.exit(), r.err());
        for (String s : new String[] {"Reshape", "Conv2D", "MaxPool2D", "Flatten", "Output", "8x6x6", "8x3x3"}) {
            assertTrue(r.out().contains(s), "missing " + s + " in\n" + r.out());
        }
    }

    @Test
    void notAModelExitsOneWithAMessageNamingTheFile(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("notes.zip");
        Files.writeString(bogus, "hello");
        CliRunner.Result r = run("inspect", bogus.toString());
        assertEquals(ZkmlCli.USER_ERROR, r.exit());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("notes.zip"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingFileExitsOne() {
        CliRunner.Result r = run("inspect", "no/such/model.zip");
        assertEquals(ZkmlCli.USER_ERROR, r.exit());
        assertTrue(r.err().contains("not found"), r.err());
    }

    @Test
    void versionPrintsJson() throws Exception {
        CliRunner.Result r = run("version", "--json");
        assertEquals(0, r.exit());
        assertEquals("zkml-workbench", new ObjectMapper().readTree(r.out()).get("tool").asText());
    }
}
