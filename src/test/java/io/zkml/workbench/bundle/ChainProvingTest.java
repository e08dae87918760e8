package io.zkml.workbench.bundle;

import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Proving a chain of programs, the parts that need no snarkVM: the time limit of its proof (ten times the
 * chain's own estimate), and proving many rows of a chain ({@code zkml prove MODEL --rows-from}, the Prove tab's "Prove
 * rows"): each row is proven as the chain is (the row proof given), and {@code --resume} skips a row only
 * when its bundle holds every program of this chain. Before, a chain's rows went through a one-program
 * export, which refused the chain's workspace with a command naming a temporary folder. Bundles here are
 * the hand-written chain3's with a stand-in execution ({@link ChainBundleReadingTest}); the same path with
 * real proofs runs in {@code ChainProofSnarkVmTest}.
 */
class ChainProvingTest {

    @TempDir
    Path out;

    private static SampleRow row(int i) {
        return new SampleRow(i, new float[] {1, 2, 3, 4}, null, List.of("[1i16, 2i16, 3i16, 4i16]"), List.of("28i16"),
                null, null);
    }

    @Test
    void aChainsTimeLimitIsTenTimesTheChainsOwnEstimate() throws Exception {
        // digits-cnn cut after its reshape: a 2^16 entry calling a 2^19 program. The limit was the entry's (30 min)
        // times the transitions, whatever the later programs' degrees.
        var s = io.zkml.workbench.session.ModelSession.open(Path.of("sample-models/digits-cnn.zip"), null);
        var spec = s.calibrate();
        var m = io.zkml.workbench.export.ModelCompiler.standard().compile(s, spec,
                new io.zkml.workbench.quant.QuantSpecJson().toJson(spec), io.zkml.workbench.export.CompileSettings.defaults()
                        .withPartitioning(new io.zkml.workbench.export.Partitioning(null, List.of("conv_reshape"))), null);
        var manifest = io.zkml.workbench.export.ExportManifest.of(m);
        var e = m.provingEstimate();
        long tenTimes = 10 * (long) Math.ceil(e.synthesisSeconds() + e.provingSeconds());
        assertEquals(java.time.Duration.ofSeconds(Math.max(30 * 60, tenTimes)), BundleProver.chainTimeLimit(manifest, 2));
        assertEquals(manifest.chain().provingEstimate(), e, "the plan export.json records is the compiled chain's");
    }

    @Test
    void everyRowIsProvenAsTheChainAndResumeSkipsOnlyBundlesOfEveryProgram() throws Exception {
        ProgramChain chain = ChainBundleReadingTest.chain();
        String execution = ChainBundleReadingTest.execution(chain.programs().stream().map(ProgramSource::programId).toList());
        List<Integer> proven = new ArrayList<>();
        BatchProver batch = new BatchProver(new BundleProver(null, m -> { }));
        BatchProver.Summary first = batch.prove(chain, r -> {
            proven.add(r.row());
            return ChainBundleReadingTest.bundle(chain, execution, r.row());
        }, List.of(row(0), row(1)), out, false, r -> { }, () -> false);
        assertEquals(List.of(0, 1), proven);
        assertEquals(2, first.count(BatchProver.Status.proven), first.rows().toString());

        // The same entry with another last program: row 1's bundle is not of this chain, so it is proven again.
        List<ProgramSource> programs = new ArrayList<>(chain.programs());
        ProgramSource last = programs.get(0);
        programs.set(0, new ProgramSource(last.programId(), last.aleo().replace("add r1 r2 into r3;", "sub r1 r2 into r3;")));
        ProgramChain other = new ProgramChain(programs, chain.function());
        ChainBundleReadingTest.bundle(other, execution, 1).writeZip(BatchProver.bundleFile(out, 1));

        proven.clear();
        BatchProver.Summary resumed = batch.prove(chain, r -> {
            proven.add(r.row());
            return ChainBundleReadingTest.bundle(chain, execution, r.row());
        }, List.of(row(0), row(1)), out, true, r -> { }, () -> false);
        assertEquals(List.of(1), proven, "row 0's bundle holds every program of the chain; row 1's does not");
        assertEquals(List.of(BatchProver.Status.skipped, BatchProver.Status.proven),
                resumed.rows().stream().map(BatchProver.RowResult::status).toList());
    }
}
