package io.zkml.workbench.ui.prove;

import java.nio.file.Path;

/**
 * "Prove rows…": rows {@code first} … {@code first + count - 1} of the model's dataset, one bundle each
 * into {@code outDir}, as {@code zkml prove --rows-from … --out-dir … [--resume]} takes them.
 */
public record RowsRequest(int first, int count, Path outDir, boolean resume) {
}
