package io.zkml.workbench.project;

import io.zkml.workbench.io.WorkbenchHome;
import io.zkml.workbench.io.FileHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where unsaved work is kept between saves: next to a saved project as
 * {@code <project>.zkwb.autosave}, or in the home folder's {@code autosave/} for a project that
 * has never been saved. An autosave is an ordinary project file; it is deleted once the user
 * saves or discards it.
 */
public final class Autosave {

    public static final String SUFFIX = ".autosave";

    private final WorkbenchHome home;
    private final ProjectStore store;

    public Autosave(WorkbenchHome home, ProjectStore store) {
        this.home = home;
        this.store = store;
    }

    /** The autosave file of a project (saved or not). */
    public Path fileFor(Optional<Path> projectFile, Path model) {
        if (projectFile.isPresent()) {
            Path p = projectFile.get().toAbsolutePath();
            return p.resolveSibling(p.getFileName() + SUFFIX);
        }
        String base = model.getFileName().toString().replaceFirst("\\.[^.]+$", "")
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        // One autosave per model, so two untitled projects on different models never overwrite each other.
        String id = FileHashes.sha256(model.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 8);
        return home.autosaveDir().resolve(base + "-" + id + ProjectStore.EXTENSION + SUFFIX);
    }

    public void write(WorkbenchProject project, Path autosaveFile) {
        store.save(project, autosaveFile);
    }

    /** An autosave of a saved project that is newer than the project itself: work the user has not saved. */
    public Optional<Path> recoveryFor(Path projectFile) {
        Path a = fileFor(Optional.of(projectFile), projectFile);
        try {
            if (!Files.isRegularFile(a)) {
                return Optional.empty();
            }
            FileTime saved = Files.isRegularFile(projectFile) ? Files.getLastModifiedTime(projectFile)
                    : FileTime.fromMillis(0);
            return Files.getLastModifiedTime(a).compareTo(saved) >= 0 ? Optional.of(a) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Autosaves of projects that were never saved, newest first. */
    public List<Path> unsavedRecoveries() {
        Path dir = home.autosaveDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                            .endsWith(ProjectStore.EXTENSION + SUFFIX))
                    .sorted((a, b) -> Long.compare(modified(b), modified(a))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    public void discard(Path autosaveFile) {
        try {
            Files.deleteIfExists(autosaveFile);
        } catch (IOException e) {
            // Left behind, it is offered again next time; nothing is lost.
        }
    }
}
