package io.zkml.workbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.io.FileHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an exported Leo project. A new folder is built next to its destination and moved into
 * place at the end, so an interrupted export leaves either no project or a complete one; an
 * existing folder ({@code --force}) has only the export's own files replaced.
 */
public final class LeoProjectWriter {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param replace allow replacing a non-empty {@code out}; otherwise such a folder is refused
     */
    public ExportManifest write(CompiledModel m, List<SampleRow> rows, Path out, boolean replace) {
        return write(m, rows, out, replace, null);
    }

    /** @param commitment a private-committed program's weights commitment (its last output), or null when not computed */
    public ExportManifest write(CompiledModel m, List<SampleRow> rows, Path out, boolean replace, String commitment) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isRegularFile(target)) {
            throw new WorkbenchException(out + " is a file; give a folder for the exported project");
        }
        if (!replace && Files.isDirectory(target) && !isEmpty(target)) {
            throw new WorkbenchException(out + " already exists and is not empty; choose another --out or pass --force");
        }
        ExportManifest manifest = ExportManifest.of(m);
        // Chains never carry private weights (the compiler refuses them), so no commitment to list.
        Map<String, String> files = m.isChain() ? chainContents(m, rows, manifest) : contents(m, rows, manifest, commitment);
        try {
            if (Files.isDirectory(target) && !isEmpty(target)) {
                requireSameKind(target, m, out);
                replaceFiles(target, files);
            } else {
                writeNewFolder(target, files);
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project to " + out + ": " + e.getMessage(), e);
        }
    }

    /** The text of every file in {@link LeoProject#FILES}, in that order, and the salt file when there is a salt. */
    private Map<String, String> contents(CompiledModel m, List<SampleRow> rows, ExportManifest manifest,
                                         String commitment) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(LeoProject.MANIFEST, ProjectTexts.programJson(m));
        files.put(LeoProject.LEO_SOURCE, m.leoText());
        files.put(LeoProject.ALEO, m.aleoText());
        files.put(LeoProject.SAMPLES, toJson(rows.stream().map(r -> SampleJson.of(r, m.output(), m.function(), commitment)).toList()));
        files.put(LeoProject.QUANT, m.specJson());
        files.put(LeoProject.EXPORT, toJson(manifest));
        files.put(LeoProject.README, ProjectTexts.readme(m, rows, commitment));
        boolean salted = m.settings().salt() != null && m.weightsMode().privateWeights();
        files.put(LeoProject.GITIGNORE, ".env\n*.avm\n*.prover\n*.verifier\noutputs/\n"
                + (salted ? LeoProject.SALT + "\n" : ""));
        if (!List.copyOf(files.keySet()).equals(LeoProject.FILES)) {
            throw new IllegalStateException("the export writes " + files.keySet() + " but LeoProject lists "
                    + LeoProject.FILES);
        }
        if (salted) {
            // The owner's secret: prove DIR reads it; hand it only to an auditor (verify --salt).
            files.put(LeoProject.SALT, m.settings().salt().hex() + "\n");
        }
        return files;
    }

    /**
     * A chain as a Leo workspace: one package per program ({@code <name>/program.json} with a local
     * dependency on the program it calls, {@code src/main.leo}, {@code build/main.aleo}), {@code workspace.json}
     * listing them callees first, and the folder's own files as for one program. Every text comes from
     * the compiled segment; the imports and dependencies from the segment's IR, which its texts were printed from.
     */
    private Map<String, String> chainContents(CompiledModel m, List<SampleRow> rows, ExportManifest manifest) {
        Map<String, String> files = new LinkedHashMap<>();
        List<CompiledSegment> calleesFirst = new java.util.ArrayList<>(m.segments());
        java.util.Collections.reverse(calleesFirst);
        files.put(LeoProject.WORKSPACE, toJson(Map.of("members",
                calleesFirst.stream().map(s -> LeoProject.packageDir(s.programId())).toList())));
        for (CompiledSegment s : m.segments()) {
            String id = s.programId();
            files.put(LeoProject.inPackage(id, LeoProject.MANIFEST), ProjectTexts.programJson(id,
                    ProjectTexts.segmentDescription(m, s), s.program().imports()));
            files.put(LeoProject.inPackage(id, LeoProject.LEO_SOURCE), s.leoText());
            files.put(LeoProject.inPackage(id, LeoProject.ALEO), s.aleoText());
        }
        files.put(LeoProject.SAMPLES, toJson(rows.stream().map(r -> SampleJson.of(r, m.output(), m.function(), null)).toList()));
        files.put(LeoProject.QUANT, m.specJson());
        files.put(LeoProject.EXPORT, toJson(manifest));
        files.put(LeoProject.README, ProjectTexts.chainReadme(m, rows, manifest.chain()));
        files.put(LeoProject.GITIGNORE, ".env\n*.avm\n*.prover\n*.verifier\noutputs/\nbuild/*/\n");
        return files;
    }

    /**
     * {@code --force} replaces an export of the same kind only: a chain's workspace over a one-program
     * export (or the reverse) would leave the other's files beside the new ones, and {@code prove DIR} or
     * Leo could then read a stale program as if it were current.
     */
    private static void requireSameKind(Path target, CompiledModel m, Path out) {
        boolean single = Files.exists(target.resolve(LeoProject.ALEO)) || Files.exists(target.resolve(LeoProject.MANIFEST));
        boolean workspace = Files.exists(target.resolve(LeoProject.WORKSPACE));
        if (m.isChain() && single) {
            throw new WorkbenchException(out + " holds a one-program export (" + LeoProject.ALEO + "), and "
                    + m.modelFile().getFileName() + " now compiles to a chain of " + m.segments().size()
                    + " programs, written as a Leo workspace; export into another --out, or delete the old export first");
        }
        if (!m.isChain() && workspace) {
            throw new WorkbenchException(out + " holds the Leo workspace of a chain of programs ("
                    + LeoProject.WORKSPACE + "), and " + m.modelFile().getFileName() + " now compiles to one program; "
                    + "export into another --out, or delete the old export first");
        }
    }

    /** A new folder is built next to its destination and moved into place whole. */
    private static void writeNewFolder(Path target, Map<String, String> files) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".export-");
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                AtomicFiles.writeString(tmp.resolve(f.getKey()), f.getValue());
            }
            if (Files.exists(target)) {
                Files.delete(target); // an empty folder: nothing of the user's is lost
            }
            move(tmp, target);
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * {@code --force} on a folder with content: only the export's own files are replaced, each
     * atomically; everything else in the folder (a Leo {@code .env}, the user's notes, build
     * outputs) is left alone. All new files are written and flushed beside their targets before
     * the first one replaces anything, so a failure while writing leaves the old project as it was.
     * Symbolic links are refused: a folder prepared by someone else could otherwise point
     * {@code README.md} at any file the user can write.
     */
    private static void replaceFiles(Path target, Map<String, String> files) throws IOException {
        for (String rel : files.keySet()) {
            requireNoLink(target, rel);
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path dest = target.resolve(f.getKey());
                Files.createDirectories(dest.getParent());
                requireNoLink(target, f.getKey());
                Path tmp = dest.resolveSibling("." + dest.getFileName() + ".export-" + System.nanoTime() + ".tmp");
                staged.put(tmp, dest);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(f.getValue().getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                try {
                    Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(e.getKey(), e.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            for (Path tmp : staged.keySet()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void requireNoLink(Path root, String rel) {
        Path p = root;
        for (Path part : Path.of(rel)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new WorkbenchException(p + " is a symbolic link; export --force replaces only plain files in "
                        + root + ", so that it never writes through a link to somewhere else — remove the link or"
                        + " choose another --out");
            }
            if (p.toString().equals(root.resolve(rel).toString()) && Files.isDirectory(p)) {
                throw new WorkbenchException(p + " is a folder, but the export writes a file there; move it away or"
                        + " choose another --out");
            }
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
