package io.zkml.workbench.prove;

import java.util.List;

/**
 * Outputs of running a function without a proof. snarkVM executes it with its keys (synthesized
 * or cached), so the circuit is known and was satisfied; where the SRS files the keys need are not
 * here (offline the SRS stops at 2^16), it only evaluates the function, without keys or a circuit,
 * and {@code evaluatedOnly} says why.
 *
 * @param circuit       the function's circuit, read from its verifying key (a chain's transitions together); null
 *                      when evaluated only
 * @param evaluatedOnly null when executed with its keys; else why snarkVM only evaluated the function (checked
 *                      integer arithmetic, every transition of a chain, no circuit)
 */
public record ExecutionResult(List<String> outputs, CircuitInfo circuit, boolean keysFromCache,
                              long synthesisMs, long totalMs, String evaluatedOnly) {

    public ExecutionResult {
        outputs = List.copyOf(outputs);
    }

    /** Executed with its keys. */
    public ExecutionResult(List<String> outputs, CircuitInfo circuit, boolean keysFromCache, long synthesisMs, long totalMs) {
        this(outputs, circuit, keysFromCache, synthesisMs, totalMs, null);
    }
}
