package io.zkml.workbench.bundle;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.ProofResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.prove.SidecarVersions;
import io.zkml.workbench.export.ProvingEstimate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/** Proves one input of an exported program with snarkVM and packs the result as a {@link ProofBundle}. */
public final class BundleProver {

    private final SidecarClient client;
    private final Consumer<String> progress;

    public BundleProver(SidecarClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    public ProofBundle prove(ExportedProject project, ProofRequest request) {
        ExportManifest em = project.manifest();
        String program = project.aleoText();
        progress.accept("proving " + em.programId() + "/" + em.function()
                + (request.row() == null ? "" : " on row " + request.row())
                + (new KeyCache(client.config().keyCacheDir()).contains(program, em.function())
                        ? " (keys cached)" : " (synthesizing keys first: about a minute)"));
        long start = System.nanoTime();
        ProofResult r;
        try {
            r = client.prove(program, em.function(), request.inputs(), timeLimit(em.predictedSrsDegreeLog2()));
        } catch (SidecarException e) {
            throw asUserError(e);
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        // A committed-weights program ends with the public commitment, which the simulator cannot predict.
        List<String> modelOutputs = OutputDecoder.modelOutputs(r.outputs());
        String commitment = OutputDecoder.commitment(r.outputs());
        if (!modelOutputs.equals(request.expectedOutputs())) {
            throw new ProofMismatchException("snarkVM computed " + r.outputs() + " for " + request.inputs()
                    + " but the bit-exact simulator predicted " + request.expectedOutputs()
                    + "; no bundle was written. This is a bug in the code generator or simulator: please report it "
                    + "with the model and quant.json");
        }
        progress.accept(String.format("proved in %.1f s (synthesis %.1f s, proof %.1f s)", totalMs / 1000.0,
                r.synthesisMs() / 1000.0, r.provingMs() / 1000.0));
        SidecarVersions v = client.ping();
        DecodedOutput d = OutputDecoder.decode(em.output(), modelOutputs);
        BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, em.programId(), em.function(), r.outputs(),
                new BundleManifest.Decoded(em.output(), d.values(), d.dequantized(), d.classIndex(), d.classLabel()),
                em.inputTypes(), request.row(), em.modelFile(), em.modelSha256(), em.quantSpecSha256(),
                FileHashes.sha256(program.getBytes(StandardCharsets.UTF_8)), commitment,
                new BundleManifest.Versions(ToolVersion.current().toString(), "@provablehq/sdk " + v.sdkVersion(),
                        "as compiled into @provablehq/wasm " + v.sdkVersion(), v.nodeVersion(), v.network()),
                new BundleManifest.Timings(r.synthesisMs(), r.provingMs(), totalMs, peakRssMb()),
                r.circuit(), r.keysFromCache(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                em.weightsMode(), em.consensusVersion(), em.commitmentScheme());
        return new ProofBundle(m, program, project.leoText(), r.execution(), r.verifyingKey(), project.quantJson());
    }

    /**
     * How long a proof may run before it is taken for hung: ten times the predicted synthesis and
     * proof (export.ProvingEstimate, measured on a busy 2-core machine), and never under 30 minutes,
     * so a slow or loaded machine is not cut off; the heartbeat catches a stopped sidecar sooner.
     */
    static Duration timeLimit(int srsDegreeLog2) {
        ProvingEstimate e = ProvingEstimate.of(srsDegreeLog2);
        long predicted = (long) Math.ceil(e.synthesisSeconds() + e.provingSeconds());
        return Duration.ofSeconds(Math.max(30 * 60, 10 * predicted));
    }

    /** Peak resident memory of the sidecar (VmHWM), measured for the proving estimate; null off Linux. */
    private Long peakRssMb() {
        return client.processHandle().map(h -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (Exception e) {
                // Not Linux, or the process is gone: the figure is optional.
            }
            return null;
        }).orElse(null);
    }

    /** Missing SRS files and rejected inputs are things the user can act on. */
    static RuntimeException asUserError(SidecarException e) {
        return switch (e.code()) {
            case "MISSING_PARAMETER", "CORRUPT_PARAMETER", "EXECUTION_FAILED", "WASM_ABORTED", "SIDECAR_UNAVAILABLE" ->
                    new WorkbenchException("snarkVM: " + e.getMessage(), e);
            default -> e;
        };
    }
}
