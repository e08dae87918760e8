package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.circuit.CalibrationProbes;
import io.zkml.workbench.circuit.CostTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate-costs without snarkVM: help, the probe list, and the table rebuilt from saved measurements. */
class CalibrateCostsCommandTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void helpNamesTheOptions() {
        CliRunner.Result r = CliRunner.run(null, "calibrate-costs", "--help");
        assertEquals(0, r.exit(), r.err());
        for (String option : new String[] {"--out", "--from-measurements", "--measurements", "--only", "--list", "--json"}) {
            assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
        }
    }

    @Test
    void listsEveryProbe() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "calibrate-costs", "--list", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode probes = json.readTree(r.out());
        assertEquals(CalibrationProbes.all().size(), probes.size());
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void rebuildsTheBundledTableFromTheBundledMeasurements() throws Exception {
        Path lines = tmp.resolve("measurements.jsonl");
        try (InputStream in = CostTable.class.getResourceAsStream("calibration-measurements.jsonl")) {
            Files.copy(in, lines);
        }
        Path out = tmp.resolve("sub/cost-table.json");
        Files.createDirectories(out.getParent());
        CliRunner.Result r = CliRunner.run(null, "calibrate-costs", "--from-measurements", lines.toString(),
                "--out", out.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.toAbsolutePath().toString(), json.readTree(r.out()).get("table").asText());
        try (InputStream bundled = CostTable.class.getResourceAsStream(CostTable.RESOURCE)) {
            assertEquals(json.readTree(bundled), json.readTree(out.toFile()),
                    "differencing the committed measurements gives the committed table");
        }
    }

    @Test
    void userErrors() {
        CliRunner.Result missing = CliRunner.run(null, "calibrate-costs", "--from-measurements",
                tmp.resolve("none.jsonl").toString(), "--out", tmp.resolve("t.json").toString());
        assertEquals(ZkmlCli.USER_ERROR, missing.exit());
        assertTrue(missing.err().contains("measurement file not found"), missing.err());
        CliRunner.Result noMatch = CliRunner.run(null, "calibrate-costs", "--list", "--only", "no-such-probe");
        assertEquals(ZkmlCli.USER_ERROR, noMatch.exit());
        assertTrue(noMatch.err().contains("matches no probe"), noMatch.err());
    }

    @Test
    void proveOffersTheLeoBackend() {
        CliRunner.Result r = CliRunner.run(null, "prove", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("--backend") && r.out().contains("leo"), r.out());
        CliRunner.Result batch = CliRunner.run(null, "prove", "sample-models/iris-tiny.zip", "--backend", "leo",
                "--rows-from", "x.csv", "--out-dir", tmp.toString());
        assertEquals(ZkmlCli.USER_ERROR, batch.exit());
        assertTrue(batch.err().contains("--backend leo proves one input at a time"), batch.err());
    }
}
