package io.zkml.workbench.prove;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Size of a synthesized Aleo function circuit, read from its Varuna verifying key. The largest of
 * the counts decides the universal SRS degree needed ({@code srsDegreeLog2}, an estimate).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CircuitInfo(
        long publicInputs,
        long variables,
        long constraints,
        long nonZeroA,
        long nonZeroB,
        long nonZeroC,
        int srsDegreeLog2) {

    /**
     * The circuits of a chain's transitions together, as one execution proves them: every count added up, and
     * the largest SRS degree (the batch proof needs the largest transition's, not one for the sum).
     */
    public static CircuitInfo together(java.util.List<CircuitInfo> circuits) {
        if (circuits.isEmpty()) {
            throw new IllegalArgumentException("no circuits");
        }
        return new CircuitInfo(circuits.stream().mapToLong(CircuitInfo::publicInputs).sum(),
                circuits.stream().mapToLong(CircuitInfo::variables).sum(),
                circuits.stream().mapToLong(CircuitInfo::constraints).sum(),
                circuits.stream().mapToLong(CircuitInfo::nonZeroA).sum(),
                circuits.stream().mapToLong(CircuitInfo::nonZeroB).sum(),
                circuits.stream().mapToLong(CircuitInfo::nonZeroC).sum(),
                circuits.stream().mapToInt(CircuitInfo::srsDegreeLog2).max().orElseThrow());
    }
}
