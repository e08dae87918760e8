package io.zkml.workbench.ui.prove;

import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.ui.code.GeneratedCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the Prove tab asks of snarkVM and Leo, one call per action; {@link SidecarProver} is the real
 * one (the bundle API that {@code zkml prove} and {@code zkml verify} use). The seam lets
 * {@link ProveSession}'s state machine be tested with recorded answers, without a sidecar.
 * Every call but {@link #cancel} runs on the proving worker and may take minutes.
 */
public interface Prover extends AutoCloseable {

    /** Node.js, the sidecar's packages, the SRS files for {@code srsDegreeLog2}, and the Leo CLI. */
    ProvingEnvironment probe(int srsDegreeLog2);

    ExecutionResult execute(CompiledModel compiled, SampleRow row);

    ProofBundle prove(GeneratedCode code, ProofRequest request, Progress progress) throws Exception;

    /** {@code leo run}, or {@code leo execute} saving its transaction in {@code saveDir} (non-null). */
    LeoResult withLeo(GeneratedCode code, ProofRequest request, Path saveDir, Progress progress) throws Exception;

    BatchProver.Summary proveRows(GeneratedCode code, List<SampleRow> rows, RowsRequest request,
            Consumer<BatchProver.RowResult> onRow, Progress progress);

    VerificationReport verify(ProofBundle bundle, Progress progress);

    /**
     * Starts the sidecar, if it is not running, and has it build snarkVM's constants meanwhile (seconds a
     * first Run or Prove would otherwise spend); returns at once, any thread.
     */
    void warmUp();

    /** Kills the sidecar the worker is blocked in; any thread. The next call starts a fresh one. */
    void cancel();

    /** snarkVM's hash of an Aleo value (started on first use); any thread. */
    String hash(String algorithm, String literal);

    Optional<ProcessHandle> sidecarProcess();

    @Override
    void close();
}
