package io.zkml.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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

    @Test
    void replacingKeepsTheFilesPermissions() throws Exception {
        Path f = dir.resolve("shared.zkwb");
        Files.writeString(f, "old");
        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(f, groupWritable);
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(groupWritable, Files.getPosixFilePermissions(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.copy(Files.writeString(dir.resolve("src.txt"), "copied"), f);
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(f));
    }

    @Test
    void aNewFileGetsTheUmaskModeNotATempFilesMode() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeString(written, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void aSymlinkStaysALinkAndItsTargetIsReplaced() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("p.zkwb"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("p.zkwb"), Path.of("store", "p.zkwb"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("store", "p.zkwb"), Files.readSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        try (Stream<Path> files = Files.list(real.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside the target");
        }
    }
}
