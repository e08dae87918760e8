package io.zkml.workbench.ui.prove;

import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.ProvingWorkflow;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarProgress;
import io.zkml.workbench.ui.code.GeneratedCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real {@link Prover}: one snarkVM sidecar (started on first use) and the user's Leo CLI, through
 * the same bundle API as {@code zkml prove} and {@code zkml verify}.
 */
public final class SidecarProver implements Prover {

    private volatile Consumer<SidecarProgress> progressSink = p -> { };
    private final SidecarClient client;
    private final LeoBackend leo;
    /**
     * The Node.js version once it has answered (empty until then): the Prove tab asks at every program it
     * shows, and {@code node --version} started a process at every bit-width change, beside the compile
     * (about 30 ms of the window's CPU and Node's start-up). Until Node.js answers, every ask looks again (it
     * may have been installed meanwhile); the sidecar's files, the SRS files and Leo are looked at every time.
     */
    private volatile Optional<String> node = Optional.empty();

    public SidecarProver() {
        this(SidecarConfig.fromEnvironment(), LeoBackend.fromEnvironment());
    }

    SidecarProver(SidecarConfig config, LeoBackend leo) {
        this.client = new SidecarClient(config, p -> progressSink.accept(p));
        this.leo = leo;
    }

    /** Over a sidecar client made elsewhere (the snarkVM tests' shared one), which closing this prover closes too. */
    SidecarProver(SidecarClient client, LeoBackend leo) {
        this.client = client;
        this.leo = leo;
    }

    @Override
    public ProvingEnvironment probe(int srsDegreeLog2) {
        Optional<String> known = node;
        if (known.isPresent()) {
            return ProvingEnvironment.withNode(known, null, client.config(), srsDegreeLog2, leo);
        }
        ProvingEnvironment found = ProvingEnvironment.probe(client.config(), srsDegreeLog2, leo);
        node = found.nodeVersion();
        return found;
    }

    /** Run's path is the core's: {@link ProvingWorkflow#run} (executed with keys where the SRS files are here, else evaluated). */
    @Override
    public ExecutionResult execute(CompiledModel compiled, SampleRow row) {
        return new ProvingWorkflow(client, m -> { }).run(ProvingWorkflow.chainOf(compiled), compiled.srsDegreeLog2(),
                row.inputs());
    }

    @Override
    public ProofBundle prove(GeneratedCode code, ProofRequest request, Progress progress) throws Exception {
        progressSink = p -> progress.stage(p.stage(), p.fraction());
        try {
            // The one proving workflow `zkml prove MODEL` runs: export aside, prove, check, clean up.
            return new ProvingWorkflow(client, progress::message).prove(code.session(), code.compiled(), request, null,
                    progress::isCancelled);
        } finally {
            progressSink = p -> { };
        }
    }

    @Override
    public LeoResult withLeo(GeneratedCode code, ProofRequest request, Path saveDir, Progress progress) throws Exception {
        return new ProvingWorkflow(client, progress::message).withLeo(leo, code.session(), code.compiled(), request,
                saveDir, progress::isCancelled);
    }

    @Override
    public BatchProver.Summary proveRows(GeneratedCode code, List<SampleRow> rows, RowsRequest request,
            Consumer<BatchProver.RowResult> onRow, Progress progress) {
        return new ProvingWorkflow(client, m -> { }).proveRows(code.session(), code.compiled(), rows, request.outDir(),
                request.resume(), onRow, progress::isCancelled);
    }

    @Override
    public VerificationReport verify(ProofBundle bundle, Progress progress) {
        return new BundleVerifier(client, progress::message).verify(bundle.manifest().programId(), bundle, Optional.empty());
    }

    @Override
    public void cancel() {
        client.cancel();
    }

    @Override
    public void warmUp() {
        client.warmUp();
    }

    @Override
    public String hash(String algorithm, String literal) {
        return client.hash(algorithm, literal, "field");
    }

    @Override
    public Optional<ProcessHandle> sidecarProcess() {
        return client.processHandle();
    }

    @Override
    public void close() {
        client.close();
    }
}
