package io.zkml.workbench.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's ONNX op table is written from {@link OnnxOp}, row for row. */
class OnnxOpTest {

    @Test
    void readmeListsEveryOnnxOpWithWhatItBecomes() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (OnnxOp op : OnnxOp.values()) {
            String row = "| `" + op.opType() + "` | " + op.becomes() + " |";
            assertTrue(readme.contains(row), "README.md should have the row " + row);
        }
        assertEquals(OnnxOp.values().length, readme.lines().filter(l -> l.matches("\\| `[A-Za-z]+` \\| .*")
                && OnnxOp.of(l.substring(3, l.indexOf('`', 3))).isPresent()).count(), "no stale ONNX rows");
    }

    @Test
    void opTypesAreLookedUpExactly() {
        assertEquals(OnnxOp.GEMM, OnnxOp.of("Gemm").orElseThrow());
        assertTrue(OnnxOp.of("gemm").isEmpty(), "ONNX op types are case-sensitive");
        assertTrue(OnnxOp.names().startsWith("Gemm, MatMul, Conv"));
    }
}
