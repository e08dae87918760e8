package io.zkml.workbench.bundle;

import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Proving a compiled model, the one way the CLI ({@code zkml prove MODEL}) and the workbench's
 * Prove tab both do it: export the program to a temporary folder exactly as {@code zkml export}
 * writes it, prove from that folder ({@link BundleProver} checks snarkVM's outputs against the
 * simulator's), optionally write the bundle, and delete the folder whatever happens.
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
            ProofBundle b = new BundleProver(client, progress).prove(ExportedProject.read(dir), request);
            if (bundleZip != null) {
                b.writeZip(bundleZip);
            }
            return b;
        } finally {
            deleteTree(tmp);
        }
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

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is harmless; never hide the proof's outcome behind it.
        }
    }
}
