package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.io.FileHashes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export and cost through the CLI, without snarkVM. */
class ProveExportCommandTest {

    static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exportWritesACompleteLeoProject() throws Exception {
        Path out = tmp.resolve("iris");
        CliRunner.Result r = CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        assertEquals("iris_tiny.aleo", doc.path("manifest").path("programId").asText());
        for (String f : new String[] {"program.json", "src/main.leo", "build/main.aleo", "inputs/samples.json", "quant.json",
                "README.md", "export.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode program = json.readTree(out.resolve("program.json").toFile());
        assertEquals("iris_tiny.aleo", program.path("program").asText());
        assertEquals("0.1.0", program.path("version").asText());
        assertTrue(program.has("dependencies") && program.get("dependencies").isNull());
        String aleo = Files.readString(out.resolve("build/main.aleo"));
        assertTrue(aleo.contains("model sha256: " + FileHashes.sha256(IRIS_TINY)), "header names the model hash");
        assertTrue(aleo.contains("quant spec hash: " + FileHashes.sha256(Files.readAllBytes(out.resolve("quant.json")))));
        assertTrue(aleo.contains("program iris_tiny.aleo;"));
        JsonNode samples = json.readTree(out.resolve("inputs/samples.json").toFile());
        assertEquals(30, samples.size(), "the committed iris test split has 30 rows");
        assertTrue(samples.get(0).path("inputs").get(0).asText().matches("\\[-?\\d+i16(, -?\\d+i16){3}\\]"));
        assertTrue(samples.get(0).path("expectedOutputs").get(0).asText().endsWith("u8"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("leo run main"));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary folder left next to the project");
        }
    }

    @Test
    void existingProjectIsNotOverwrittenWithoutForce() throws Exception {
        Path out = tmp.resolve("p");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "keep");
        CliRunner.Result r = CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals(0, CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString(), "--force").exit());
        assertEquals("keep", Files.readString(out.resolve("mine.txt")), "--force replaces only the export's files");
    }

    @Test
    void forceKeepsALeoEnvAndUnrelatedFilesAndReplacesOnlyTheExportsFiles() throws Exception {
        Path out = tmp.resolve("leo");
        assertEquals(0, CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString()).exit());
        String key = "NETWORK=testnet\nPRIVATE_KEY=APrivateKey1zkpTestOnlyNotARealKey\n";
        Files.writeString(out.resolve(".env"), key);
        Files.writeString(out.resolve("src/notes.md"), "mine");
        Files.writeString(out.resolve("build/main.aleo"), "stale");
        CliRunner.Result r = CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.exit(), r.err());
        assertEquals(key, Files.readString(out.resolve(".env")), "the private key stays");
        assertEquals("mine", Files.readString(out.resolve("src/notes.md")));
        assertTrue(Files.readString(out.resolve("build/main.aleo")).contains("program iris_tiny.aleo;"));
        for (String f : io.zkml.workbench.export.LeoProject.FILES) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        try (var s = Files.walk(out)) {
            assertEquals(java.util.List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        try (var s = Files.list(tmp)) {
            assertEquals(java.util.List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "nothing moved aside");
        }
    }

    @Test
    void forceRefusesToWriteThroughASymlinkInTheTargetFolder() throws Exception {
        Path out = tmp.resolve("trap");
        Files.createDirectories(out);
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(out.resolve("README.md"), victim);
        CliRunner.Result r = CliRunner.run(null, "export", IRIS_TINY.toString(), "--out", out.toString(), "--force");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("symbolic link"), r.err());
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void overLimitModelExitsOneNamingTheLimitAndWritesNothing() {
        Path out = tmp.resolve("bc");
        // breast-cancer-mlp's first Dense layer alone prints to 106,686 characters as snarkVM measures them, over
        // V11's 100,000, so neither closures nor a chain fit (a Dense layer is not split across programs).
        CliRunner.Result r = CliRunner.run(null, "export", "sample-models/breast-cancer-mlp.zip", "--consensus", "V11",
                "--out", out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("MAX_PROGRAM_SIZE") && r.err().contains("100,000"), r.err());
        assertTrue(r.err().contains("suggestion:"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void digitsCnnWithMaxPoolExportsAndStatesItsSrsDegree() {
        Path out = tmp.resolve("digits");
        CliRunner.Result r = CliRunner.run(null, "export", "sample-models/digits-cnn.zip", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SRS 2^19"), r.out());
        assertTrue(Files.exists(out));
    }

    @Test
    void unknownWeightsModeIsAUserError() {
        CliRunner.Result r = CliRunner.run(null, "export", IRIS_TINY.toString(), "--weights", "private",
                "--out", tmp.resolve("w").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("known: constant, private-committed, pinned"), r.err());
    }

    @Test
    void costJsonHasLayersTotalsSrsAndLimits() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "cost", IRIS_TINY.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        JsonNode rows = doc.path("layers");
        assertEquals("function-overhead", rows.get(0).path("part").asText());
        assertTrue(rows.get(0).path("layer").isNull(), "the function's rows name no layer");
        assertEquals("inputs", rows.get(1).path("part").asText());
        assertEquals("outputs", rows.get(rows.size() - 1).path("part").asText());
        long sum = 0;
        for (JsonNode l : doc.path("layers")) {
            sum += l.path("constraints").asLong();
        }
        assertEquals(doc.path("total").path("constraints").asLong(), sum, "layers add up to the total");
        assertEquals(16, doc.path("srsDegreeLog2").asInt());
        assertTrue(doc.path("withinLimits").asBoolean());
        java.util.Set<String> limits = new java.util.HashSet<>();
        for (JsonNode l : doc.path("limits")) {
            limits.add(l.path("limit").asText());
            assertTrue(l.path("passed").asBoolean(), l.toString());
            assertTrue(l.path("actual").asLong() <= l.path("allowed").asLong(), l.toString());
        }
        assertEquals(java.util.Set.of("MAX_INPUTS", "MAX_OUTPUTS", "MAX_ARRAY_ELEMENTS", "MAX_INSTRUCTIONS",
                "MAX_PROGRAM_SIZE", "MAX_DEPLOYMENT_CONSTRAINTS", "MAX_DEPLOYMENT_VARIABLES",
                "offline SRS degree 2^16"), limits, "every limit is listed, not only failures");
        assertTrue(doc.path("estimate").path("basis").asText().contains("measured"));
        CliRunner.Result text = CliRunner.run(null, "cost", IRIS_TINY.toString());
        assertTrue(text.out().contains("SRS degree needed: 2^16"), text.out());
        assertTrue(text.out().contains("Aleo limits (consensus V19): all " + (doc.path("limits").size() - 1) + " pass\n"),
                text.out());
        assertTrue(text.out().contains("  ok   MAX_INPUTS"), text.out());
    }

    @Test
    void costListsTheOfflineSrsAsAFailureThatDoesNotBlock() throws Exception {
        // digits-cnn needs SRS 2^19, beyond the 2^16 parameters shipped offline.
        CliRunner.Result r = CliRunner.run(null, "cost", Path.of("sample-models/digits-cnn.zip").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = json.readTree(r.out());
        assertTrue(doc.path("withinLimits").asBoolean(), "the offline SRS does not block");
        JsonNode srs = null;
        for (JsonNode l : doc.path("limits")) {
            if (l.path("limit").asText().startsWith("offline SRS")) {
                srs = l;
            } else {
                assertTrue(l.path("passed").asBoolean(), l.toString());
            }
        }
        assertTrue(srs != null && !srs.path("passed").asBoolean() && !srs.path("blocking").asBoolean(), doc.toString());
        assertEquals(65_536, srs.path("allowed").asLong());
        CliRunner.Result text = CliRunner.run(null, "cost", Path.of("sample-models/digits-cnn.zip").toString());
        // The offline SRS is this machine's parameter files, not one of Aleo's limits: they all hold.
        assertTrue(text.out().contains("Aleo limits (consensus V19): all " + (doc.path("limits").size() - 1) + " pass; 1 program"
                + " needs more SRS than the offline 2^16 (not blocking: proving downloads the parameter files)"), text.out());
        assertTrue(text.out().contains("  FAIL offline SRS degree 2^16"), text.out());
    }

    @Test
    void noProofIsRefusedWithRowsFromOrTheLeoBackendBeforeAnyWork() {
        // Refused before any model is read or a sidecar starts (the quick tier has no Node.js).
        CliRunner.Result rows = CliRunner.run(null, "prove", IRIS_TINY.toString(), "--rows-from", "x.csv", "--out-dir",
                "unused", "--no-proof");
        assertEquals(ZkmlCli.USER_ERROR, rows.exit(), rows.out() + rows.err());
        assertTrue(rows.err().contains("--no-proof runs one --row or --input in snarkVM: not with --rows-from"), rows.err());
        CliRunner.Result leo = CliRunner.run(null, "prove", IRIS_TINY.toString(), "--row", "0", "--backend", "leo",
                "--no-proof");
        assertEquals(ZkmlCli.USER_ERROR, leo.exit(), leo.out() + leo.err());
        assertTrue(leo.err().contains("not with --backend leo (Leo's own `leo run` does that)"), leo.err());
    }
}
