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
 * Proving many rows of a chain of programs ({@code zkml prove MODEL --rows-from}, the Prove tab's "Prove
 * rows"): each row is proven as the chain is (the row proof given), and {@code --resume} skips a row only
 * when its bundle holds every program of this chain. Before, a chain's rows went through a one-program
 * export, which refused the chain's workspace with a command naming a temporary folder. Bundles here are
 * the hand-written chain3's with a stand-in execution ({@link ChainBundleReadingTest}); the same path with
 * real proofs runs in {@code ChainProofSnarkVmTest}.
 */
class ChainBatchTest {

    @TempDir
    Path out;

    private static SampleRow row(int i) {
        return new SampleRow(i, new float[] {1, 2, 3, 4}, null, List.of("[1i16, 2i16, 3i16, 4i16]"), List.of("28i16"),
                null, null);
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
