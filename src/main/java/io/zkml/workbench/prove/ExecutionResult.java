package io.zkml.workbench.prove;

import java.util.List;

/**
 * Outputs of running a function without a proof. Offline, snarkVM needs the function's keys even
 * to execute, so the circuit is always known here.
 */
public record ExecutionResult(List<String> outputs, CircuitInfo circuit, boolean keysFromCache,
                              long synthesisMs, long totalMs) {

    public ExecutionResult {
        outputs = List.copyOf(outputs);
    }
}
