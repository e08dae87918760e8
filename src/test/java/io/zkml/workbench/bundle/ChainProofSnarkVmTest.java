package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.RecordedCuts;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.cli.ChainExportCommandTest;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13's first "done when": iris-tiny forced into two transitions (cut after layer0) is proven
 * offline as one execution with one batch proof by the one proving workflow, its outputs equal the
 * simulator's (the workflow refuses anything else), every transition snarkVM synthesized is the one
 * the cost model predicted in all five counts, and the bundle verifies VALID, also against the model
 * ({@code verify --model} recompiles the chain with the cuts the bundle records), and NOT VALID when
 * its cut list is edited.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainProofSnarkVmTest {

    private SidecarClient client;

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    @Test
    void irisTinyAsTwoTransitionsIsProvenPredictedExactlyAndVerified() throws Exception {
        Path model = SampleCatalog.get("iris-tiny").modelPath(Path.of("sample-models"));
        ModelSession s = ModelSession.open(model, null);
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
        assertEquals(2, m.segments().size());
        assertTrue(m.segments().stream().allMatch(seg -> seg.srsDegreeLog2() <= 16), "each transition fits the offline SRS");

        Dataset d = s.dataset().orElseThrow();
        // Test row 7, proven as row 0 of a one-row batch (below, `zkml prove --rows-from` of its CSV line resumes it).
        SampleRow row = new RowEncoder(m).encode(new float[][] {s.normalizedFeatures()[7]}, new float[][] {d.features()[7]},
                new int[] {d.labels()[7]}, 0).get(0);
        ProofBundle b = new ProvingWorkflow(client, p -> { }).prove(s, m,
                new ProofRequest(row.index(), row.inputs(), row.expectedOutputs()), null, () -> false);

        assertEquals(row.expectedOutputs(), b.manifest().publicOutputs(), "the chain's outputs are the simulator's");
        assertEquals(2, b.manifest().transitions().size());
        // What the Prove tab and `zkml prove` report for the proof: both transitions, as the dashboard's total.
        assertEquals(m.totalConstraints(), b.manifest().executionCircuit().constraints());
        assertEquals(m.srsDegreeLog2(), b.manifest().executionCircuit().srsDegreeLog2());
        for (CompiledSegment seg : m.segments()) {
            BundleManifest.ChainStep step = b.manifest().transitions().stream()
                    .filter(t -> t.programId().equals(seg.programId())).findFirst().orElseThrow();
            System.out.println("[chain] " + seg.programId() + ": snarkVM " + step.circuit() + " predicted " + seg.cost().total());
            ExactCost.assertExact(step.circuit(), seg.cost(), "iris-tiny chain " + seg.programId());
            // The golden chain's program, so its circuit is recorded for the quick tier (ChainExportCommandTest).
            String pkg = seg.program().programName();
            assertEquals(GoldenFiles.read(ChainExportCommandTest.GOLDEN, pkg + "/build/main.aleo"), seg.aleoText(),
                    "the golden chain's " + pkg);
            RecordedCircuits.check(ChainExportCommandTest.GOLDEN + "/" + pkg, step.circuit());
        }

        // Prove rows with --resume over this very bundle: a chain's rows are proven as the chain is, and the real
        // bundle holds every program of the compiled chain, so the row is skipped (no second proof).
        Path rows = tmp;
        b.writeZip(BatchProver.bundleFile(rows, row.index()));
        BatchProver.Summary resumed = new ProvingWorkflow(client, p -> { }).proveRows(s, m, List.of(row), rows, true,
                x -> { }, () -> false);
        assertEquals(BatchProver.Status.skipped, resumed.rows().get(0).status(), resumed.rows().toString());
        // The CLI's batch of a model cut into a chain takes the same path: it exported the chain and refused its own
        // temporary workspace ("is the Leo workspace of a chain of programs; prove it from the model ...").
        List<String> csv = java.nio.file.Files.readAllLines(Path.of("sample-models/data/iris-tiny-test.csv"));
        assertEquals(d.features()[7][0], Float.parseFloat(csv.get(8).split(",")[0]), "test row 7 is the file's eighth row");
        Path oneRow = java.nio.file.Files.write(rows.resolve("row7.csv"), List.of(csv.get(0), csv.get(8)));
        Path quant = java.nio.file.Files.writeString(rows.resolve("quant.json"), m.specJson());
        io.zkml.workbench.cli.CliRunner.Result cli = io.zkml.workbench.cli.CliRunner.run(client, "prove", model.toString(),
                "--quant", quant.toString(), "--split-after", "layer0", "--rows-from", oneRow.toString(),
                "--out-dir", rows.toString(), "--resume");
        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().startsWith("0 proven, 1 skipped (already proven), 0 failed"), cli.out() + cli.err());

        VerificationReport r = new BundleVerifier(client, p -> { }).verify("iris-tiny chain", b, Optional.empty());
        assertEquals(VerificationReport.Outcome.VALID, r.outcome(), r.verdict());

        // verify --model: the bundle records the cuts, so the auditor's model recompiles into the same chain.
        assertEquals(RecordedCuts.of(m), b.manifest().cuts(), "the bundle records where the model was cut");
        VerificationReport withModel = new BundleVerifier(client, p -> { }).verify("iris-tiny chain", b,
                () -> Optional.of(ModelChecks.of(model, b.quantJson(), null, b, client.fieldHash(), null)));
        assertEquals(VerificationReport.Outcome.VALID, withModel.outcome(), withModel.verdict() + withModel.checks());
        assertTrue(withModel.checks().stream().anyMatch(c -> c.name().equals("chain from model")
                && Boolean.TRUE.equals(c.passed())), withModel.checks().toString());

        // The same proof with its cut list edited: NOT VALID, naming the recorded cuts.
        ObjectMapper json = new ObjectMapper();
        ObjectNode edited = json.valueToTree(b.manifest());
        ((ArrayNode) edited.path("cuts").path("cutAfter")).removeAll().add("input");
        ProofBundle tampered = new ProofBundle(json.treeToValue(edited, BundleManifest.class), b.mainAleo(), b.mainLeo(),
                b.execution(), b.verifyingKey(), b.quantJson(), b.importedPrograms(), b.importedKeys());
        VerificationReport bad = new BundleVerifier(client, p -> { }).verify("tampered cuts", tampered,
                () -> Optional.of(ModelChecks.of(model, tampered.quantJson(), null, tampered, client.fieldHash(), null)));
        assertEquals(VerificationReport.Outcome.NOT_VALID, bad.outcome(), bad.verdict());
        assertTrue(bad.checks().stream().anyMatch(c -> c.failed() && c.detail().contains("cut after [input]")),
                bad.checks().toString());
    }
}
