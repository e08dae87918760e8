package io.zkml.workbench.prove;

import java.util.List;

/**
 * A proven execution. {@code execution} is snarkVM's execution JSON including the proof; it and
 * {@code verifyingKey} are what a verifier needs besides the program text.
 */
public record ProofResult(List<String> outputs, String execution, String verifyingKey, CircuitInfo circuit,
                          boolean keysFromCache, long synthesisMs, long provingMs) {

    public ProofResult {
        outputs = List.copyOf(outputs);
    }
}
