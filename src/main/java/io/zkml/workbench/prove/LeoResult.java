package io.zkml.workbench.prove;

import java.util.List;

/**
 * What a {@code leo run} / {@code leo execute} printed, parsed.
 *
 * @param outputs     the function's outputs as Aleo literals, in order
 * @param circuit     the circuit information when Leo printed it (it does for key synthesis), else null
 * @param transaction the transaction file {@code leo execute --save} wrote, else null
 * @param log         everything Leo printed, for error messages and the curious
 */
public record LeoResult(List<String> outputs, CircuitInfo circuit, java.nio.file.Path transaction, String log) {

    public LeoResult {
        outputs = List.copyOf(outputs);
    }
}
