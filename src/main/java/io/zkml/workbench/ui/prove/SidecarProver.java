package io.zkml.workbench.ui.prove;

import io.zkml.workbench.bundle.BatchProver;
import io.zkml.workbench.bundle.BundleVerifier;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.bundle.ProvingWorkflow;
import io.zkml.workbench.bundle.VerificationReport;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ChainExecutionResult;
import io.zkml.workbench.prove.ChainTransition;
import io.zkml.workbench.prove.CircuitInfo;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import io.zkml.workbench.prove.SidecarException;
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

    /**
     * Executes with keys where the SRS files they need are here; else (offline the SRS stops at 2^16) snarkVM
     * evaluates the function, checked arithmetic over every transition of a chain, and the result says it was not
     * executed with keys. Trying the keys first cost fashion-cnn 77 s of key synthesis before snarkVM asked for the
     * missing file; its evaluation takes 6 s. Prove downloads the files and executes with keys.
     */
    @Override
    public ExecutionResult execute(CompiledModel compiled, SampleRow row) {
        int degree = compiled.srsDegreeLog2();
        if (!probe(degree).parametersCached()) {
            return evaluate(compiled, row, "its keys need SRS 2^" + degree + ", whose parameter files are not in "
                    + client.config().paramsDir() + " yet (Prove downloads them when it can)");
        }
        try {
            return executeWithKeys(compiled, row);
        } catch (SidecarException e) {
            if (!MISSING_PARAMETER.equals(e.code())) {
                throw e;
            }
            return evaluate(compiled, row, e.getMessage());
        }
    }

    private ExecutionResult evaluate(CompiledModel compiled, SampleRow row, String why) {
        long start = System.nanoTime();
        java.util.Map<String, String> imports = new java.util.LinkedHashMap<>();
        compiled.segments().stream().skip(1).forEach(s -> imports.put(s.programId(), s.aleoText()));
        List<String> outputs = client.evaluateRows(compiled.aleoText(), compiled.function(), List.of(row.inputs()),
                imports).get(0);
        return new ExecutionResult(outputs, null, false, 0, (System.nanoTime() - start) / 1_000_000, why);
    }

    /** The sidecar's code for an SRS parameter file that is neither cached nor downloadable. */
    static final String MISSING_PARAMETER = "MISSING_PARAMETER";

    private ExecutionResult executeWithKeys(CompiledModel compiled, SampleRow row) {
        if (compiled.isChain()) {
            // The entry cannot be loaded without the programs it calls ("its import ... must be added first"):
            // the chain runs as one execution, every transition's keys from the cache or synthesized.
            ChainExecutionResult r = client.executeChain(ProvingWorkflow.chainOf(compiled), row.inputs());
            return new ExecutionResult(r.outputs(), CircuitInfo.together(r.transitions().stream()
                    .map(ChainTransition::circuit).toList()), r.keysFromCache(), r.synthesisMs(), r.totalMs());
        }
        return client.execute(compiled.aleoText(), compiled.function(), row.inputs());
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
