package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --project}: the project's model, spec and export settings decide; contradicting options are refused. */
class ProjectOptionTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** iris-tiny with a narrower spec than calibration, committed weights, program "my_model", consensus V17. */
    private Path project(QuantSpec[] specOut) throws Exception {
        Path model = ProveExportCommandTest.IRIS_TINY.toAbsolutePath();
        QuantSpec calibrated = ModelSession.open(model, null).calibrate();
        String first = calibrated.layers().keySet().iterator().next();
        QuantSpec spec = calibrated.withLayer(first, calibrated.layer(first).withActivationBits(
                calibrated.layer(first).activationBits() - 2));
        specOut[0] = spec;
        Path file = tmp.resolve("p.zkwb");
        new ProjectStore().save(new WorkbenchProject(model, FileHashes.sha256(model), null, spec,
                new WorkbenchProject.ExportSettings("my_model", WeightsMode.PRIVATE_COMMITTED, ConsensusVersion.V17),
                null, null), file);
        return file;
    }

    @Test
    void costAndExportUseTheProjectsSpecAndSettings() throws Exception {
        QuantSpec[] spec = new QuantSpec[1];
        Path p = project(spec);
        CliRunner.Result r = CliRunner.run(null, "cost", "--project", p.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode cost = json.readTree(r.out());
        assertEquals("my_model.aleo", cost.path("programId").asText());
        assertEquals("V17", cost.path("consensus").asText());
        assertTrue(cost.path("layers").findValuesAsText("part").contains("weights-commitment"), r.out());

        Path out = tmp.resolve("out");
        CliRunner.Result e = CliRunner.run(null, "export", "--project", p.toString(), "--out", out.toString(), "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode m = json.readTree(e.out()).path("manifest");
        assertEquals("private-committed", m.path("weightsMode").asText());
        assertEquals("V17", m.path("consensusVersion").asText());
        assertEquals(new QuantSpecJson().toJson(spec[0]), Files.readString(out.resolve("quant.json")),
                "the project's spec, as the workbench writes it");
        assertEquals(cost.path("total").path("constraints").asLong(), m.path("predictedCircuit").path("constraints").asLong());
    }

    @Test
    void optionsThatContradictTheProjectAreRefusedAndAgreeingOnesAccepted() throws Exception {
        Path p = project(new QuantSpec[1]);
        CliRunner.Result weights = CliRunner.run(null, "cost", "--project", p.toString(), "--weights", "constant");
        assertEquals(1, weights.exit());
        assertTrue(weights.err().contains("--weights constant contradicts --project"), weights.err());
        assertTrue(weights.err().contains("private-committed") || weights.err().contains("PRIVATE_COMMITTED"), weights.err());

        CliRunner.Result model = CliRunner.run(null, "cost", "sample-models/iris-mlp.zip", "--project", p.toString());
        assertEquals(1, model.exit());
        assertTrue(model.err().contains("MODEL sample-models/iris-mlp.zip contradicts --project"), model.err());

        CliRunner.Result quant = CliRunner.run(null, "cost", "--project", p.toString(), "--quant", "q.json");
        assertEquals(1, quant.exit());
        assertTrue(quant.err().contains("--quant q.json contradicts --project"), quant.err());

        CliRunner.Result agreeing = CliRunner.run(null, "cost", "--project", p.toString(), "--weights",
                "private-committed", "--consensus", "V17", "--name", "my_model", "--json");
        assertEquals(0, agreeing.exit(), agreeing.err());

        CliRunner.Result none = CliRunner.run(null, "cost");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("give a MODEL file or --project"), none.err());
    }

    /** The workbench's Model > Program chain: `cost --project` prices the same chain; other cuts are refused. */
    @Test
    void aProjectsProgramChainIsCompiledAndContradictingCutsRefused() throws Exception {
        Path model = ProveExportCommandTest.IRIS_TINY.toAbsolutePath();
        Path file = tmp.resolve("chain.zkwb");
        new ProjectStore().save(new WorkbenchProject(model, FileHashes.sha256(model), null, null,
                new WorkbenchProject.ExportSettings("iris_tiny", WeightsMode.CONSTANT).withPartitioning(
                        new io.zkml.workbench.export.Partitioning(null, java.util.List.of("layer0"))), null, null), file);
        CliRunner.Result r = CliRunner.run(null, "cost", "--project", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode t = json.readTree(r.out()).path("transitions");
        assertEquals(2, t.size(), r.out());
        assertEquals("iris_tiny_s1.aleo", t.get(1).path("programId").asText());

        CliRunner.Result same = CliRunner.run(null, "cost", "--project", file.toString(), "--split-after", "layer0");
        assertEquals(0, same.exit(), same.err());
        CliRunner.Result other = CliRunner.run(null, "cost", "--project", file.toString(), "--split-after", "input");
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("--split-after [input] contradicts --project"), other.err());
        CliRunner.Result cap = CliRunner.run(null, "cost", "--project", file.toString(), "--max-srs", "16");
        assertEquals(1, cap.exit());
        assertTrue(cap.err().contains("--max-srs 16 contradicts --project"), cap.err());
    }
}
