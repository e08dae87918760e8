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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.zkml.workbench.prove.ChainProofResult;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;
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
        List<String> modelOutputs = checkedOutputs(r.outputs(), request);
        progress.accept(String.format("proved in %.1f s (synthesis %.1f s, proof %.1f s)", totalMs / 1000.0,
                r.synthesisMs() / 1000.0, r.provingMs() / 1000.0));
        BundleManifest m = manifest(BundleManifest.FORMAT_VERSION, em, program, r.outputs(), modelOutputs, request,
                new BundleManifest.Timings(r.synthesisMs(), r.provingMs(), totalMs, peakRssMb()),
                r.circuit(), r.keysFromCache(), null, null);
        return new ProofBundle(m, program, project.leoText(), r.execution(), r.verifyingKey(), project.quantJson());
    }

    /**
     * Proves one input of a model compiled to several programs (a chain: the entry calls the first
     * segment, which calls the next, …) as one execution with one batch proof, and packs every
     * program, every transition's verifying key and the execution as a format-3 {@link ProofBundle}.
     *
     * @param chain      the programs, dependencies first and the entry last, and the entry function
     * @param model      what the chain was compiled from (model, spec, output format, input types,
     *                   weights mode), describing the entry: its programId and function must be the chain's
     * @param entryLeo   the entry's Leo text ("" when there is none)
     * @param quantJson  the spec the chain was compiled with
     */
    public ProofBundle proveChain(ProgramChain chain, ExportManifest model, String entryLeo, String quantJson,
                                  ProofRequest request) {
        ProgramSource entry = chain.entry();
        if (!entry.programId().equals(model.programId()) || !chain.function().equals(model.function())) {
            throw new IllegalArgumentException("the model describes " + model.programId() + "/" + model.function()
                    + ", the chain's entry is " + entry.programId() + "/" + chain.function());
        }
        List<ProgramChain.Call> calls = chain.transitions();
        KeyCache cache = new KeyCache(client.config().keyCacheDir());
        long uncached = calls.stream().distinct()
                .filter(c -> !cache.contains(chain.keyText(c.program()), c.function())).count();
        progress.accept("proving " + entry.programId() + "/" + chain.function() + " with " + calls.size() + " transitions ("
                + calls.stream().map(ProgramChain.Call::name).collect(Collectors.joining(", ")) + ")"
                + (request.row() == null ? "" : " on row " + request.row())
                + (uncached == 0 ? " (keys cached)" : " (synthesizing keys of " + uncached + " function(s) first: about a minute each)"));
        long start = System.nanoTime();
        ChainProofResult r;
        try {
            r = client.proveChain(chain, request.inputs(), chainTimeLimit(model, calls.size()));
        } catch (SidecarException e) {
            throw asUserError(e);
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        List<String> modelOutputs = checkedOutputs(r.outputs(), request);
        progress.accept(String.format("proved %d transitions in %.1f s (synthesis %.1f s, proof %.1f s)", r.transitions().size(),
                totalMs / 1000.0, r.synthesisMs() / 1000.0, r.provingMs() / 1000.0));
        List<BundleManifest.ChainProgram> programs = chain.programs().stream()
                .map(p -> new BundleManifest.ChainProgram(p.programId(), sha256(p.aleo()))).toList();
        List<BundleManifest.ChainStep> steps = r.transitions().stream()
                .map(t -> new BundleManifest.ChainStep(t.program(), t.function(), sha256(chain.program(t.program()).aleo()),
                        t.circuit(), t.publicOutputs())).toList();
        BundleManifest m = manifest(BundleManifest.CHAIN_FORMAT_VERSION, model, entry.aleo(), r.outputs(), modelOutputs,
                request, new BundleManifest.Timings(r.synthesisMs(), r.provingMs(), totalMs, peakRssMb()),
                r.entry().circuit(), r.keysFromCache(), programs, steps);
        Map<String, String> imported = new LinkedHashMap<>();
        chain.programs().subList(0, chain.programs().size() - 1).forEach(p -> imported.put(p.programId(), p.aleo()));
        Map<String, String> keys = new LinkedHashMap<>();
        r.transitions().stream().filter(t -> !t.program().equals(entry.programId()))
                .forEach(t -> keys.put(t.name(), t.verifyingKey()));
        return new ProofBundle(m, entry.aleo(), entryLeo, r.execution(), r.entry().verifyingKey(), quantJson, imported, keys);
    }

    /** The model's outputs (without a commitment) if they are the simulator's prediction; else no bundle. */
    private static List<String> checkedOutputs(List<String> outputs, ProofRequest request) {
        // A committed-weights program ends with the public commitment, which the simulator cannot predict.
        List<String> modelOutputs = OutputDecoder.modelOutputs(outputs);
        if (!modelOutputs.equals(request.expectedOutputs())) {
            throw new ProofMismatchException("snarkVM computed " + outputs + " for " + request.inputs()
                    + " but the bit-exact simulator predicted " + request.expectedOutputs()
                    + "; no bundle was written. This is a bug in the code generator or simulator: please report it "
                    + "with the model and quant.json");
        }
        return modelOutputs;
    }

    private BundleManifest manifest(int format, ExportManifest em, String program, List<String> outputs,
                                    List<String> modelOutputs, ProofRequest request, BundleManifest.Timings timings,
                                    io.zkml.workbench.prove.CircuitInfo circuit, boolean keysFromCache,
                                    List<BundleManifest.ChainProgram> programs, List<BundleManifest.ChainStep> steps) {
        SidecarVersions v = client.ping();
        DecodedOutput d = OutputDecoder.decode(em.output(), modelOutputs);
        return new BundleManifest(format, em.programId(), em.function(), outputs,
                new BundleManifest.Decoded(em.output(), d.values(), d.dequantized(), d.classIndex(), d.classLabel()),
                em.inputTypes(), request.row(), em.modelFile(), em.modelSha256(), em.quantSpecSha256(),
                sha256(program), OutputDecoder.commitment(outputs),
                new BundleManifest.Versions(ToolVersion.current().toString(), "@provablehq/sdk " + v.sdkVersion(),
                        "as compiled into @provablehq/wasm " + v.sdkVersion(), v.nodeVersion(), v.network()),
                timings, circuit, keysFromCache, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                em.weightsMode(), em.consensusVersion(), em.commitmentScheme(), programs, steps,
                em.chain() == null ? null : em.chain().cuts());
    }

    private static String sha256(String text) {
        return FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * How long a proof may run before it is taken for hung: ten times the predicted synthesis and
     * proof (export.ProvingEstimate, measured on a busy 2-core machine), and never under 30 minutes,
     * so a slow or loaded machine is not cut off; the heartbeat catches a stopped sidecar sooner.
     */
    static Duration timeLimit(int srsDegreeLog2) {
        return timeLimit(ProvingEstimate.of(srsDegreeLog2));
    }

    private static Duration timeLimit(ProvingEstimate e) {
        long predicted = (long) Math.ceil(e.synthesisSeconds() + e.provingSeconds());
        return Duration.ofSeconds(Math.max(30 * 60, 10 * predicted));
    }

    /**
     * A chain's limit: ten times the compiled chain's own estimate (every transition at its own degree), as for one
     * program. It was the entry's limit times the transitions, which a small entry calling a large program falls
     * short of: a 2^16 entry before a 2^23 program had 2 x 30 min for a proof estimated at 77 min. A chain without a
     * recorded plan (a hand-written one) keeps the entry's limit per transition.
     */
    static Duration chainTimeLimit(ExportManifest model, int transitions) {
        return model.chain() != null && model.chain().provingEstimate() != null
                ? timeLimit(model.chain().provingEstimate())
                : timeLimit(model.predictedSrsDegreeLog2()).multipliedBy(transitions);
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
            case SidecarException.MISSING_PARAMETER, "CORRUPT_PARAMETER", "EXECUTION_FAILED", "WASM_ABORTED", "SIDECAR_UNAVAILABLE" ->
                    new WorkbenchException("snarkVM: " + e.getMessage(), e);
            default -> e;
        };
    }
}
