package io.zkml.workbench.export;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.session.ModelSession;
import java.nio.file.Path;
import java.util.List;

/** {@code zkml export}: compile, refuse over-limit programs, encode the test rows, write the project. */
public final class ModelExport {

    private final ModelCompiler compiler;

    public ModelExport(ModelCompiler compiler) {
        this.compiler = compiler;
    }

    public record Result(CompiledModel model, List<SampleRow> rows, ExportManifest manifest, Path dir) {
    }

    public Result export(ModelSession session, CompiledModel m, Path out, boolean replace) {
        return export(session, m, out, replace, null);
    }

    /**
     * @param hash snarkVM's Poseidon (the sidecar's {@code fieldHash}), with which a private-committed program's
     *             expected weights commitment is computed for {@code inputs/samples.json}; null leaves it out
     */
    public Result export(ModelSession session, CompiledModel m, Path out, boolean replace,
                         java.util.function.BinaryOperator<String> hash) {
        ModelCompiler.requireWithinLimits(m);
        List<SampleRow> rows = testRows(session, m);
        String commitment = hash == null ? null : m.expectedCommitment(hash);
        ExportManifest manifest = new LeoProjectWriter().write(m, rows, out, replace, commitment);
        return new Result(m, rows, manifest, out);
    }

    /** Every row of the session's dataset (for samples: the committed test split), encoded for the program. */
    public static List<SampleRow> testRows(ModelSession session, CompiledModel m) {
        if (session.dataset().isEmpty()) {
            return List.of();
        }
        Dataset d = session.dataset().get();
        return new RowEncoder(m).encode(session.normalizedFeatures(), d.features(),
                d.task() == TaskKind.CLASSIFICATION ? d.labels() : null, 0);
    }

    public ModelCompiler compiler() {
        return compiler;
    }
}
