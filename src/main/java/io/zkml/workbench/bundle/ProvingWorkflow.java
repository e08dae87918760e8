package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ChainExecutionResult;
import io.zkml.workbench.prove.ChainTransition;
import io.zkml.workbench.prove.CircuitInfo;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Proving a compiled model, the one way the CLI ({@code zkml prove MODEL}) and the workbench's
 * Prove tab both do it: export the program to a temporary folder exactly as {@code zkml export}
 * writes it, prove from that folder ({@link BundleProver} checks snarkVM's outputs against the
 * simulator's, {@link LeoProver} Leo's), optionally write the bundle, and delete the folder
 * whatever happens. One row, many rows ({@link BatchProver}) or the user's Leo CLI all go through
 * the same export.
 */
public final class ProvingWorkflow {

    private final SidecarClient client;
    private final Consumer<String> progress;

    public ProvingWorkflow(SidecarClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    /**
     * @param bundleZip where to write the bundle, or null to only return it
     * @param cancelled checked between steps; when true the proof is not started and null returned
     */
    public ProofBundle prove(ModelSession session, CompiledModel compiled, ProofRequest request, Path bundleZip,
                             BooleanSupplier cancelled) {
        if (compiled.isChain()) {
            // A chain is proven as compiled: one execution over every segment program, one batch proof.
            return cancelled.getAsBoolean() ? null : proveChain(chainOf(compiled), ExportManifest.of(compiled),
                    compiled.leoText(), compiled.specJson(), request, bundleZip);
        }
        return inExport(session, compiled, cancelled, project -> {
            ProofBundle b = new BundleProver(client, progress).prove(project, request);
            if (bundleZip != null) {
                b.writeZip(bundleZip);
            }
            return b;
        });
    }

    /**
     * Proves {@code rows} into {@code outDir} (one bundle per row and a summary, as
     * {@code zkml prove --rows-from}); null when cancelled before the first row.
     */
    public BatchProver.Summary proveRows(ModelSession session, CompiledModel compiled, List<SampleRow> rows, Path outDir,
                                         boolean resume, Consumer<BatchProver.RowResult> onRow, BooleanSupplier cancelled) {
        if (compiled.isChain()) {
            // As one row of a chain is proven (prove): every segment program as compiled, no export folder.
            ProgramChain chain = chainOf(compiled);
            ExportManifest model = ExportManifest.of(compiled);
            BundleProver prover = new BundleProver(client, progress);
            return new BatchProver(prover).prove(chain, r -> prover.proveChain(chain, model, compiled.leoText(),
                    compiled.specJson(), r), rows, outDir, resume, onRow, cancelled);
        }
        return inExport(session, compiled, cancelled, project -> new BatchProver(new BundleProver(client, progress))
                .prove(project, rows, outDir, resume, onRow, cancelled));
    }

    /**
     * Runs ({@code saveDir} null: {@code leo run}) or proves ({@code leo execute}, Leo saving its
     * transaction into {@code saveDir}) the program with the user's Leo CLI; null when cancelled.
     */
    public LeoResult withLeo(LeoBackend leo, ModelSession session, CompiledModel compiled, ProofRequest request,
                             Path saveDir, BooleanSupplier cancelled) {
        leo.require(); // a missing Leo is the first thing to know, before any export work
        requireOneProgram(compiled);
        return inExport(session, compiled, cancelled, project -> saveDir == null
                ? new LeoProver(leo).run(project, request)
                : new LeoProver(leo).execute(project, request, saveDir));
    }

    /**
     * The chain path, beside the single-program one: proves a model compiled to several programs
     * (dependencies first, the entry last) as one execution and optionally writes the format-3
     * bundle. Nothing is exported to a folder: the programs are proven as given.
     *
     * @param model     what the chain was compiled from, describing the entry (its programId and function)
     * @param bundleZip where to write the bundle, or null to only return it
     */
    public ProofBundle proveChain(ProgramChain chain, ExportManifest model, String entryLeo, String quantJson,
                                  ProofRequest request, Path bundleZip) {
        ProofBundle b = new BundleProver(client, progress).proveChain(chain, model, entryLeo, quantJson, request);
        if (bundleZip != null) {
            b.writeZip(bundleZip);
        }
        return b;
    }

    /**
     * Runs {@code programs} (one program, or a chain: callees first, the entry last) on {@code inputs} without a
     * proof, as the Prove tab's Run and {@code zkml prove --no-proof} do: executed with the functions' keys where
     * the SRS files they need (degree 2^{@code srsDegreeLog2}) are in the parameter cache; else, offline the SRS
     * stopping at 2^16, snarkVM evaluates the function (checked arithmetic, every transition of a chain) and the
     * result says so ({@link ExecutionResult#evaluatedOnly}). Trying the keys first cost fashion-cnn 77 s of key
     * synthesis before snarkVM asked for the missing file; its evaluation takes 6 s. A file snarkVM asks for beyond
     * the ones looked at falls back the same way.
     */
    public ExecutionResult run(ProgramChain programs, int srsDegreeLog2, List<String> inputs) {
        Path params = client.config().paramsDir();
        if (!ProvingEnvironment.parametersCached(params, srsDegreeLog2)) {
            return evaluate(programs, inputs, "its keys need SRS 2^" + srsDegreeLog2 + ", whose parameter files are not in "
                    + params + " yet (a proof downloads them when it can)");
        }
        try {
            if (programs.programs().size() == 1) {
                return client.execute(programs.entry().aleo(), programs.function(), inputs);
            }
            ChainExecutionResult r = client.executeChain(programs, inputs);
            return new ExecutionResult(r.outputs(), CircuitInfo.together(r.transitions().stream()
                    .map(ChainTransition::circuit).toList()), r.keysFromCache(), r.synthesisMs(), r.totalMs());
        } catch (SidecarException e) {
            if (!SidecarException.MISSING_PARAMETER.equals(e.code())) {
                throw e;
            }
            return evaluate(programs, inputs, e.getMessage());
        }
    }

    private ExecutionResult evaluate(ProgramChain programs, List<String> inputs, String why) {
        long start = System.nanoTime();
        java.util.Map<String, String> imports = new java.util.LinkedHashMap<>();
        programs.programs().stream().filter(p -> !p.equals(programs.entry())).forEach(p -> imports.put(p.programId(), p.aleo()));
        List<String> outputs = client.evaluateRows(programs.entry().aleo(), programs.function(), List.of(inputs), imports)
                .get(0);
        return new ExecutionResult(outputs, null, false, 0, (System.nanoTime() - start) / 1_000_000, why);
    }

    /**
     * The Leo backend runs and proves one program: a chain is refused by name here, where its export's folder
     * was refused as "the Leo workspace of a chain" with a command for a temporary folder.
     */
    public static void requireOneProgram(CompiledModel compiled) {
        if (compiled.isChain()) {
            throw new WorkbenchException(compiled.modelFile().getFileName() + " compiles to a chain of "
                    + compiled.segments().size() + " programs, and the Leo backend runs and proves one program: prove it"
                    + " with snarkVM (the default backend), or run Leo in the workspace `zkml export` writes");
        }
    }

    /** The compiled segments as the sidecar takes a chain: callees first, the entry (segment 0) last. */
    public static ProgramChain chainOf(CompiledModel compiled) {
        List<ProgramSource> programs = new java.util.ArrayList<>();
        for (int i = compiled.segments().size() - 1; i >= 0; i--) {
            var s = compiled.segments().get(i);
            programs.add(new ProgramSource(s.programId(), s.aleoText()));
        }
        return new ProgramChain(programs, compiled.function());
    }

    private static <T> T inExport(ModelSession session, CompiledModel compiled, BooleanSupplier cancelled,
                                  Function<ExportedProject, T> work) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("zkml-prove-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder to export the program into", e);
        }
        try {
            Path dir = tmp.resolve("project");
            new ModelExport(ModelCompiler.standard()).export(session, compiled, dir, false);
            if (cancelled.getAsBoolean()) {
                return null;
            }
            return work.apply(ExportedProject.read(dir));
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is harmless; never hide the proof's outcome behind it.
        }
    }
}
