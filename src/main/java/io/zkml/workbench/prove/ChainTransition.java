package io.zkml.workbench.prove;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One transition of a multi-program execution, in snarkVM's order (a callee before its caller, the
 * entry last).
 *
 * @param circuit       the function's circuit, read from its verifying key
 * @param verifyingKey  the function's verifying key; null where the sidecar does not return it (execute)
 * @param publicOutputs the transition's public outputs as Aleo literals; empty where not proven (execute)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainTransition(String program, String function, CircuitInfo circuit, String verifyingKey,
                              List<String> publicOutputs, boolean keysFromCache) {

    public ChainTransition {
        publicOutputs = publicOutputs == null ? List.of() : List.copyOf(publicOutputs);
    }

    /** {@code program/function}, as snarkVM and the reports name a transition. */
    public String name() {
        return program + "/" + function;
    }
}
