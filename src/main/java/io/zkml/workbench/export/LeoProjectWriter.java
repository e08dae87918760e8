package io.zkml.workbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.io.FileHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an exported Leo project. The whole folder is built next to its destination and moved into
 * place at the end, so an interrupted export leaves either no project or a complete one.
 */
public final class LeoProjectWriter {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param replace allow replacing a non-empty {@code out}; otherwise such a folder is refused
     */
    public ExportManifest write(CompiledModel m, List<SampleRow> rows, Path out, boolean replace) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isRegularFile(target)) {
            throw new WorkbenchException(out + " is a file; give a folder for the exported project");
        }
        if (!replace && Files.isDirectory(target) && !isEmpty(target)) {
            throw new WorkbenchException(out + " already exists and is not empty; choose another --out or pass --force");
        }
        ExportManifest manifest = manifest(m);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".export-");
            AtomicFiles.writeString(tmp.resolve(LeoProject.MANIFEST), ProjectTexts.programJson(m));
            AtomicFiles.writeString(tmp.resolve(LeoProject.LEO_SOURCE), m.leoText());
            AtomicFiles.writeString(tmp.resolve(LeoProject.ALEO), m.aleoText());
            AtomicFiles.writeString(tmp.resolve(LeoProject.QUANT), m.specJson());
            AtomicFiles.writeString(tmp.resolve(LeoProject.SAMPLES), toJson(rows.stream()
                    .map(r -> SampleJson.of(r, m.output(), m.function())).toList()));
            AtomicFiles.writeString(tmp.resolve(LeoProject.EXPORT), toJson(manifest));
            AtomicFiles.writeString(tmp.resolve(LeoProject.README), ProjectTexts.readme(m, rows));
            AtomicFiles.writeString(tmp.resolve(LeoProject.GITIGNORE), ".env\n*.avm\n*.prover\n*.verifier\noutputs/\n"
                    + (m.settings().salt() != null ? LeoProject.SALT + "\n" : ""));
            if (m.settings().salt() != null && m.weightsMode().privateWeights()) {
                // The owner's secret: prove DIR reads it; hand it only to an auditor (verify --salt).
                AtomicFiles.writeString(tmp.resolve(LeoProject.SALT), m.settings().salt().hex() + "\n");
            }
            moveIntoPlace(tmp, target);
            tmp = null;
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project to " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    static ExportManifest manifest(CompiledModel m) {
        return new ExportManifest(ExportManifest.FORMAT_VERSION, m.programId(), m.function(),
                m.modelFile().getFileName().toString(), m.modelFile().toAbsolutePath().normalize().toString(),
                m.modelSha256(), m.specSha256(), FileHashes.sha256(m.aleoText().getBytes(StandardCharsets.UTF_8)),
                m.program().header().toolVersion(),
                m.program().inputs().stream().map(i -> i.reg().type().aleo()).toList(), m.output(),
                m.cost().total(), m.cost().srsDegreeLog2(), m.cost().exact(), m.weightsMode().cliName(),
                m.settings().consensus().name(), m.commitmentScheme());
    }

    /** An existing folder is first moved aside, so a failure in between never loses both versions. */
    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            move(target, old);
        }
        move(tmp, target);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover temp folders are hidden and harmless; never mask the real outcome with this.
        }
    }
}
