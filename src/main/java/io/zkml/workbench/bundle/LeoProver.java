package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.LeoResult;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Runs or proves an exported project with the user's own Leo CLI and holds Leo to the bit-exact
 * simulator, as {@link BundleProver} holds snarkVM: an output that differs is an error, never a
 * result. Leo's saved transaction is Leo's format, not a proof bundle, so nothing here writes one.
 */
public final class LeoProver {

    private final LeoBackend leo;

    public LeoProver(LeoBackend leo) {
        this.leo = Objects.requireNonNull(leo, "leo");
    }

    /** {@code leo run}: the program's outputs without a proof. */
    public LeoResult run(ExportedProject project, ProofRequest request) {
        return checked(leo.run(project.dir(), project.manifest().function(), request.inputs()), request);
    }

    /** {@code leo execute}: a proven transaction, saved by Leo into {@code saveDir}. */
    public LeoResult execute(ExportedProject project, ProofRequest request, Path saveDir) {
        return checked(leo.execute(project.dir(), project.manifest().function(), request.inputs(), saveDir), request);
    }

    private static LeoResult checked(LeoResult r, ProofRequest request) {
        if (!r.outputs().equals(request.expectedOutputs())) {
            throw new WorkbenchException("Leo computed " + r.outputs() + " but the simulator predicted "
                    + request.expectedOutputs() + " for this input");
        }
        return r;
    }
}
