package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.FakeLeo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Leo backend of the one proving workflow (the Prove tab's and {@code zkml prove --backend leo}'s):
 * the program is exported aside exactly as {@code zkml export} writes it, Leo runs in that folder,
 * its outputs are held to the simulator, and the folder is gone afterwards ({@link FakeLeo}).
 */
class LeoProvingWorkflowTest {

    @TempDir
    Path tmp;

    private ModelSession session;
    private CompiledModel compiled;
    private SampleRow row;

    @BeforeEach
    void compileIrisTiny() throws Exception {
        session = ModelSession.open(Path.of("sample-models/iris-tiny.zip"), null);
        QuantSpec spec = session.calibrate();
        compiled = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
        Dataset d = session.dataset().orElseThrow();
        row = new RowEncoder(compiled).encode(new float[][] {session.normalizedFeatures()[0]},
                new float[][] {d.features()[0]}, new int[] {d.labels()[0]}, 0).get(0);
    }

    private ProofRequest request() {
        return new ProofRequest(row.index(), row.inputs(), row.expectedOutputs());
    }

    /** A fake Leo printing {@code output} for run and execute. */
    private FakeLeo fakeLeo(String output) throws Exception {
        FakeLeo leo = FakeLeo.install(tmp, compiled.programId());
        leo.prints(output);
        return leo;
    }

    @Test
    void leoRunsInAnExportOfTheProgramAndItsOutputIsHeldToTheSimulator() throws Exception {
        FakeLeo leo = fakeLeo(row.expectedOutputs().get(0));
        LeoResult r = new ProvingWorkflow(null, m -> { }).withLeo(leo.backend(), session, compiled, request(), null, () -> false);
        assertEquals(row.expectedOutputs(), r.outputs());
        assertNull(r.transaction(), "leo run proves nothing");
        assertEquals(compiled.leoText(), Files.readString(leo.lastProject().resolve("src/main.leo")), "Leo ran on this program's export");
        assertEquals(compiled.aleoText(), Files.readString(leo.lastProject().resolve("build/main.aleo")));
    }

    @Test
    void leoExecuteSavesItsTransactionAndTheExportIsRemoved() throws Exception {
        Path save = Files.createDirectories(tmp.resolve("saved"));
        FakeLeo leo = fakeLeo(row.expectedOutputs().get(0));
        LeoResult r = new ProvingWorkflow(null, m -> { }).withLeo(leo.backend(), session, compiled, request(), save, () -> false);
        assertEquals(save.resolve(compiled.programId() + ".execution.json"), r.transaction());
        assertTrue(Files.isRegularFile(r.transaction()));
        // The export lived in a temporary folder that the workflow deletes whatever happens.
        assertTrue(Files.readString(leo.lastProject().resolve("program.json")).contains(compiled.programId()));
        Path exportedIn = Path.of(Files.readString(leo.ranIn()).strip());
        assertFalse(Files.exists(exportedIn), exportedIn + " was deleted");
    }

    @Test
    void anOutputThatDiffersFromTheSimulatorIsAnErrorNotAResult() throws Exception {
        String wrong = row.expectedOutputs().get(0).startsWith("0") ? "1u8" : "0u8";
        LeoBackend leo = fakeLeo(wrong).backend();
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> new ProvingWorkflow(null, m -> { })
                .withLeo(leo, session, compiled, request(), null, () -> false));
        assertEquals("Leo computed [" + wrong + "] but the simulator predicted " + row.expectedOutputs() + " for this input",
                e.getMessage());
    }

    @Test
    void noLeoIsSaidBeforeAnyExportWork() {
        LeoBackend none = new LeoBackend(tmp.resolve("empty").toString());
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> new ProvingWorkflow(null, m -> { })
                .withLeo(none, session, compiled, request(), null, () -> false));
        assertTrue(e.getMessage().startsWith("the Leo CLI is not installed"), e.getMessage());
    }

    @Test
    void aChainIsRefusedByNameNotAsAWorkspaceInATemporaryFolder() throws Exception {
        FakeLeo leo = fakeLeo(row.expectedOutputs().get(0));
        CompiledModel chain = ModelCompiler.standard().compile(session, session.calibrate(), compiled.specJson(),
                io.zkml.workbench.export.CompileSettings.defaults().withPartitioning(
                        new io.zkml.workbench.export.Partitioning(null, java.util.List.of("layer0"))), null);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> new ProvingWorkflow(null, m -> { })
                .withLeo(leo.backend(), session, chain, request(), null, () -> false));
        assertEquals("iris-tiny.zip compiles to a chain of 2 programs, and the Leo backend runs and proves one program:"
                + " prove it with snarkVM (the default backend), or run Leo in the workspace `zkml export` writes", e.getMessage());
        assertFalse(Files.exists(leo.ranIn()), "Leo never ran");
    }

    @Test
    void aCancelledRunNeverStartsLeo() throws Exception {
        FakeLeo leo = fakeLeo(row.expectedOutputs().get(0));
        assertNull(new ProvingWorkflow(null, m -> { }).withLeo(leo.backend(), session, compiled, request(), null, () -> true));
        assertFalse(Files.exists(leo.ranIn()), "Leo never ran");
    }
}
