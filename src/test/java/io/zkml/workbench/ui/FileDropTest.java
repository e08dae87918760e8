package io.zkml.workbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which drops open a file: exactly one regular file, whatever its extension (.onnx, .zip, .h5, .zkwb). */
class FileDropTest {

    @TempDir
    Path dir;

    @Test
    void oneRegularFileIsOpenedAndAnythingElseIsRefused() throws Exception {
        File onnx = Path.of("sample-models/iris-onnx.onnx").toFile();
        assertEquals(Optional.of(onnx.toPath()), FileDrop.droppedFile(List.of(onnx)));
        File zip = Path.of("sample-models/iris-mlp.zip").toFile();
        assertTrue(FileDrop.droppedFile(List.of(onnx, zip)).isEmpty(), "two files");
        assertTrue(FileDrop.droppedFile(List.of(dir.toFile())).isEmpty(), "a folder");
        assertTrue(FileDrop.droppedFile(List.of(dir.resolve("gone.onnx").toFile())).isEmpty(), "a missing file");
        assertTrue(FileDrop.droppedFile(List.of()).isEmpty());
    }
}
