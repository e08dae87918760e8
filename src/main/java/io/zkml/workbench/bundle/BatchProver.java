package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.ExportManifest;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.SidecarException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Proves many rows of one exported program (or of a chain of programs) into a folder: one bundle per row
 * ({@code row-N.zip}) and a {@code summary.json} that lists every row — proven, skipped because
 * an earlier run already proved it, or failed and why. A row that fails does not stop the
 * others; only what would make every later row fail too stops the batch (the bundles cannot be
 * written, or the run was cancelled), and the summary is written either way.
 */
public final class BatchProver {

    public static final String SUMMARY = "summary.json";

    public enum Status { proven, skipped, failed, not_attempted }

    /**
     * One row of the summary. {@code bundle}, outputs and timings are null for rows without a
     * bundle; {@code error} says why a row failed; {@code keptAt} is where a proof that could
     * not be written was saved instead.
     */
    public record RowResult(Integer row, Status status, String bundle, List<String> outputs, Integer predictedClass,
                            String predictedLabel, Integer datasetLabel, Boolean keysFromCache, Long provingMs,
                            String error, String keptAt) {
    }

    /** The whole batch; {@code summaryFile} is where the summary was written (the recovery folder if the output folder failed). */
    public record Summary(List<RowResult> rows, Path summaryFile) {

        public Summary {
            rows = List.copyOf(rows);
        }

        public long count(Status status) {
            return rows.stream().filter(r -> r.status() == status).count();
        }

        public boolean allProven() {
            return rows.stream().allMatch(r -> r.status() == Status.proven || r.status() == Status.skipped);
        }
    }

    private static final String CANCELLED = "not attempted: the run was cancelled";

    private final BundleProver prover;

    public BatchProver(BundleProver prover) {
        this.prover = Objects.requireNonNull(prover, "prover");
    }

    public static Path bundleFile(Path outDir, int row) {
        return outDir.resolve("row-" + row + ".zip");
    }

    /**
     * Proves {@code rows} into {@code outDir}. With {@code resume}, a row whose bundle is already
     * there, readable, and of this very program is skipped. {@code onRow} hears each row as it ends.
     */
    public Summary prove(ExportedProject project, List<SampleRow> rows, Path outDir, boolean resume, Consumer<RowResult> onRow) {
        return prove(project, rows, outDir, resume, onRow, () -> false);
    }

    /**
     * As {@link #prove(ExportedProject, List, Path, boolean, Consumer)}; once {@code cancelled} is
     * true no further row is started (the rest are listed as not attempted in the summary).
     */
    public Summary prove(ExportedProject project, List<SampleRow> rows, Path outDir, boolean resume, Consumer<RowResult> onRow,
                         BooleanSupplier cancelled) {
        ExportManifest m = project.manifest();
        return prove(ProgramChain.single(m.programId(), project.aleoText(), m.function()), r -> prover.prove(project, r),
                rows, outDir, resume, onRow, cancelled);
    }

    /** How a batch proves one row: the one program exported, or a chain of programs as compiled. */
    @FunctionalInterface
    public interface RowProof {
        ProofBundle prove(ProofRequest request);
    }

    /**
     * As {@link #prove(ExportedProject, List, Path, boolean, Consumer, BooleanSupplier)}, each row proven by
     * {@code proof}; a bundle already there is of this very batch when it holds exactly {@code programs} (every
     * program of a chain, not only its entry, whose text does not change with a later program's).
     */
    public Summary prove(ProgramChain programs, RowProof proof, List<SampleRow> rows, Path outDir, boolean resume,
                         Consumer<RowResult> onRow, BooleanSupplier cancelled) {
        ProofBundle.requireWritable(outDir.resolve(SUMMARY));
        List<RowResult> results = new ArrayList<>();
        String stopped = null;
        for (SampleRow r : rows) {
            RowResult result;
            if (stopped == null && cancelled.getAsBoolean()) {
                stopped = CANCELLED;
            }
            ProofBundle done = stopped == null && resume ? alreadyProven(bundleFile(outDir, r.index()), r.index(), programs) : null;
            if (stopped != null) {
                result = failed(r, Status.not_attempted, stopped, null);
            } else if (done != null) {
                result = success(r, Status.skipped, bundleFile(outDir, r.index()), done.manifest());
            } else {
                try {
                    RowEncoder.requireClean(r);
                    ProofBundle b = proof.prove(new ProofRequest(r.index(), r.inputs(), r.expectedOutputs()));
                    Path zip = bundleFile(outDir, r.index());
                    b.writeZip(zip);
                    result = success(r, Status.proven, zip, b.manifest());
                } catch (BundleNotWrittenException e) {
                    // The next rows would fail the same way after minutes of proving each.
                    stopped = "not attempted: the bundles cannot be written to " + outDir;
                    result = failed(r, Status.failed, e.getMessage(), e.keptAt());
                } catch (SidecarException e) {
                    if (SidecarException.CANCELLED.equals(e.code())) {
                        stopped = CANCELLED;
                    }
                    result = failed(r, Status.failed, e.getMessage(), null);
                } catch (WorkbenchException e) {
                    result = failed(r, Status.failed, e.getMessage(), null);
                }
            }
            results.add(result);
            onRow.accept(result);
        }
        return new Summary(results, writeSummary(outDir, results));
    }

    /** The bundle at {@code zip}, if it is readable and proves row {@code row} of these programs; else null. */
    private static ProofBundle alreadyProven(Path zip, int row, ProgramChain programs) {
        if (!Files.isRegularFile(zip)) {
            return null;
        }
        try {
            ProofBundle b = ProofBundle.read(zip);
            boolean same = b.manifest().row() != null && b.manifest().row() == row
                    && b.chain().programs().equals(programs.programs());
            return same ? b : null;
        } catch (WorkbenchException | UncheckedIOException | IllegalArgumentException e) {
            return null; // unreadable or damaged: prove the row again
        }
    }

    private static Path writeSummary(Path outDir, List<RowResult> rows) {
        String text;
        try {
            text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the batch summary", e);
        }
        Path file = outDir.resolve(SUMMARY);
        try {
            AtomicFiles.writeString(file, text);
            return file;
        } catch (UncheckedIOException e) {
            Path kept = ProofBundle.recoveryDir().resolve("summary-" + System.currentTimeMillis() + ".json");
            AtomicFiles.writeString(kept, text);
            return kept;
        }
    }

    private static RowResult success(SampleRow r, Status status, Path zip, BundleManifest m) {
        return new RowResult(r.index(), status, zip.getFileName().toString(), m.publicOutputs(), m.decoded().classIndex(),
                m.decoded().classLabel(), r.label(), m.keysFromCache(), m.timings().provingMs(), null, null);
    }

    private static RowResult failed(SampleRow r, Status status, String error, Path keptAt) {
        return new RowResult(r.index(), status, null, null, null, null, r.label(), null, null, error,
                keptAt == null ? null : keptAt.toString());
    }
}
