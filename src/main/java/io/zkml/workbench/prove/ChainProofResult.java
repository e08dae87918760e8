package io.zkml.workbench.prove;

import java.util.List;

/**
 * A proven multi-program execution: one execution JSON holding every transition and one batch
 * proof. A verifier needs it, every program's text and each transition's verifying key.
 *
 * @param outputs     the entry function's outputs
 * @param transitions every transition, in the execution's order (the entry last)
 * @param keysFromCache true when no function's keys had to be synthesized
 */
public record ChainProofResult(List<String> outputs, String execution, List<ChainTransition> transitions,
                               boolean keysFromCache, long synthesisMs, long provingMs) {

    public ChainProofResult {
        outputs = List.copyOf(outputs);
        transitions = List.copyOf(transitions);
    }

    /** The entry's transition (the last one). */
    public ChainTransition entry() {
        return transitions.get(transitions.size() - 1);
    }
}
