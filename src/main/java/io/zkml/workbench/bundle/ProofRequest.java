package io.zkml.workbench.bundle;

import java.util.List;

/**
 * One input to prove and the outputs the simulator expects for it.
 *
 * @param row    dataset row, or null for an ad-hoc input
 * @param inputs Aleo input literals
 */
public record ProofRequest(Integer row, List<String> inputs, List<String> expectedOutputs) {

    public ProofRequest {
        inputs = List.copyOf(inputs);
        expectedOutputs = List.copyOf(expectedOutputs);
    }
}
