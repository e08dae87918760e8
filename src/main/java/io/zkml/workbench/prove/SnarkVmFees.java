package io.zkml.workbench.prove;

/**
 * Fees as snarkVM computes them for one program offline (the SDK's estimators), in microcredits; what
 * {@code export.Fees} predicts is tested against these.
 *
 * @param executionMicrocredits  the execution's cost: storage by its size in bytes, plus finalize
 * @param namespaceMicrocredits  the deployment's charge for the program name
 * @param deploymentMicrocredits the deployment's total (storage, synthesis, namespace); null when not asked
 */
public record SnarkVmFees(long executionMicrocredits, long namespaceMicrocredits,
                          Long deploymentMicrocredits) {
}
