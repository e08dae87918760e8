package io.zkml.workbench.ui.prove;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prove tab's Run ({@link SidecarProver#execute}) in real snarkVM, where it failed:
 * <ul>
 * <li>on a chain of programs it ran the entry program alone, which snarkVM refuses to load ("Cannot add
 * program 'iris_tiny.aleo' because its import 'iris_tiny_s1.aleo' must be added first"), so Run failed on
 * every chain while Prove worked. iris-tiny cut after layer0, the chain {@code bundle.ChainProofSnarkVmTest}
 * proves, so its keys come from the run's key cache;</li>
 * <li>beyond the offline SRS (digits-cnn needs 2^19, the test cache holds 2^16) it failed on the missing
 * parameter file after seconds of key synthesis; snarkVM now evaluates the program without keys at once, and
 * the result says so.</li>
 * </ul>
 */
@SnarkVm
class RunSnarkVmTest {

    @Test
    void runExecutesEveryTransitionAndGivesTheSimulatorsOutputs(SidecarClient shared) throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
        assertEquals(2, m.segments().size());
        Dataset d = s.dataset().orElseThrow();
        SampleRow row = new RowEncoder(m).encode(new float[][] {s.normalizedFeatures()[7]}, new float[][] {d.features()[7]},
                new int[] {d.labels()[7]}, 7).get(0);

        // Not closed: the client is the run's shared sidecar.
        ExecutionResult r = new SidecarProver(shared, new LeoBackend("no-leo-here")).execute(m, row);

        assertEquals(row.expectedOutputs(), r.outputs(), "the chain's outputs are the simulator's");
        assertEquals(m.totalConstraints(), r.circuit().constraints(), "both transitions' circuits, as predicted");
        assertEquals(m.srsDegreeLog2(), r.circuit().srsDegreeLog2());
        assertNull(r.evaluatedOnly(), "executed with its keys");
    }

    @Test
    void beyondTheOfflineSrsRunEvaluatesWithoutKeysAndSaysSo(SidecarClient shared) throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "digits-cnn.zip"), null);
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
        assertTrue(m.srsDegreeLog2() > 16, "needs more than the offline 2^16: " + m.srsDegreeLog2());
        SampleRow row = ModelExport.testRows(s, m).get(0);

        ExecutionResult r = new SidecarProver(shared, new LeoBackend("no-leo-here")).execute(m, row);

        assertEquals(row.expectedOutputs(), r.outputs(), "snarkVM's evaluation gives the simulator's outputs");
        assertNull(r.circuit(), "no keys, so no circuit");
        assertTrue(r.evaluatedOnly() != null && r.evaluatedOnly().startsWith("its keys need SRS 2^19, whose parameter files"
                + " are not in "), r.evaluatedOnly());

        // The CLI runs the same way headless: `zkml prove MODEL --row N --no-proof`.
        io.zkml.workbench.cli.CliRunner.Result cli = io.zkml.workbench.cli.CliRunner.run(shared, "prove",
                "sample-models/digits-cnn.zip", "--row", "0", "--no-proof", "--json");
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
        assertTrue(json.path("matchesSimulator").asBoolean(), cli.out());
        assertEquals(false, json.path("executedWithKeys").asBoolean(), cli.out());
        assertEquals(r.evaluatedOnly(), json.path("evaluatedOnly").asText());
        assertEquals(row.expectedOutputs().get(0), json.path("outputs").get(0).asText());
    }
}
