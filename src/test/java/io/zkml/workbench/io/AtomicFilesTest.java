package io.zkml.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("sub/project.zkwb");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failureKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("keep.txt");
        AtomicFiles.writeString(f, "old");
        Path blocker = dir.resolve("keep.txt/child");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(blocker, "x"));
        assertEquals("old", Files.readString(f));
    }

    @Test
    void copyReplacesTheTargetAndLeavesNoTemporaryFiles() throws Exception {
        Path source = Files.writeString(dir.resolve("model.zip"), "new weights");
        Path target = dir.resolve("kept/model.zip");
        AtomicFiles.writeString(target, "old weights");
        AtomicFiles.copy(source, target);
        assertEquals("new weights", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.copy(dir.resolve("missing.zip"), target));
        assertEquals("new weights", Files.readString(target), "a failed copy keeps the old file");
    }

    @Test
    void sha256OfKnownBytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileHashes.sha256("abc".getBytes()));
    }
}
