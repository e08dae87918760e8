package io.zkml.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.project.ProjectException;
import io.zkml.workbench.project.ProjectStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project, spec or export file from anyone is read within a size bound, refused with its size when over. */
class BoundedTextTest {

    @TempDir
    Path dir;

    @Test
    void aSmallFileIsReadAsUtf8() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "{\"name\":\"größe\"}");
        assertEquals("{\"name\":\"größe\"}", BoundedText.read(f));
    }

    @Test
    void aFileOverTheBoundIsRefusedWithItsSizeBeforeItIsRead() throws Exception {
        Path f = dir.resolve("huge" + ProjectStore.EXTENSION);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(BoundedText.MAX_BYTES + 1); // sparse: no disk used, nothing read
        }
        IOException e = assertThrows(IOException.class, () -> BoundedText.read(f));
        assertEquals("the file is " + (BoundedText.MAX_BYTES + 1) + " bytes, more than the " + BoundedText.MAX_BYTES
                + " read from such a file", e.getMessage());
        ProjectException p = assertThrows(ProjectException.class, () -> new ProjectStore().load(f));
        assertTrue(p.getMessage().startsWith("cannot read project " + f + ": the file is "), p.getMessage());
    }
}
