package io.zkml.workbench.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One entry of {@code inputs/samples.json}: a test row, its Aleo inputs and the outputs to expect, all of
 * them: a private-committed program's weights commitment (its last output) included when it was computed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleJson(int row, float[] rawFeatures, Integer label, String labelName, List<String> inputs,
                         List<String> expectedOutputs, Integer expectedClass, String expectedLabel,
                         double[] expectedDequantized, String leoRun, String overflow) {

    /** @param commitment the weights commitment the program outputs last, or null (none, or not computed) */
    static SampleJson of(SampleRow r, OutputFormat format, String function, String commitment) {
        List<String> expected = new java.util.ArrayList<>(r.expectedOutputs());
        if (commitment != null) {
            expected.add(commitment);
        }
        String leoRun = "leo run " + function + " " + String.join(" ", r.inputs().stream().map(i -> "\"" + i + "\"").toList());
        return new SampleJson(r.index(), r.rawFeatures(), r.label(), r.label() == null ? null : format.labelOf(r.label()),
                r.inputs(), List.copyOf(expected), r.expected().classIndex(), r.expected().classLabel(),
                r.expected().dequantized(), leoRun, r.overflow());
    }
}
