package io.zkml.workbench.project;

import io.zkml.workbench.io.WorkbenchHome;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start page's "recent" list, newest first, kept in {@code recent.json} of the
 * {@link WorkbenchHome}. A damaged or unwritable list is not worth an error: it is a convenience.
 */
public final class RecentFiles {

    public static final int MAX_ENTRIES = 8;

    public enum Kind { PROJECT, MODEL }

    public record Entry(String path, Kind kind) {

        public Path file() {
            return Path.of(path);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RecentFiles(WorkbenchHome home) {
        this.file = home.recentFile();
    }

    /** Entries whose files still exist. */
    public synchronized List<Entry> list() {
        return read().stream().filter(e -> Files.exists(e.file())).toList();
    }

    /** Puts a file at the top of the list (moving it if already there). */
    public synchronized List<Entry> add(Path path, Kind kind) {
        Entry entry = new Entry(path.toAbsolutePath().normalize().toString(), kind);
        List<Entry> entries = new ArrayList<>(read());
        entries.removeIf(e -> e.path().equals(entry.path()));
        entries.add(0, entry);
        List<Entry> kept = List.copyOf(entries.subList(0, Math.min(MAX_ENTRIES, entries.size())));
        try {
            AtomicFiles.writeString(file, mapper.writeValueAsString(kept));
        } catch (IOException | UncheckedIOException e) {
            // The list is a convenience; failing to remember a file must not fail opening it.
        }
        return kept;
    }

    private List<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Entry> entries = mapper.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
            return entries.stream().filter(e -> e != null && e.path() != null && e.kind() != null).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
