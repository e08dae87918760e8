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
}
