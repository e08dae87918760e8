package io.zkml.workbench.prove;

import java.util.List;

/** Outputs of running a multi-program execution without a proof, with every transition's circuit. */
public record ChainExecutionResult(List<String> outputs, List<ChainTransition> transitions, boolean keysFromCache,
                                   long synthesisMs, long totalMs) {

    public ChainExecutionResult {
        outputs = List.copyOf(outputs);
        transitions = List.copyOf(transitions);
    }
}
