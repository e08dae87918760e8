package io.zkml.workbench.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One entry of {@code inputs/samples.json}: a test row, its Aleo inputs and the outputs to expect. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleJson(int row, float[] rawFeatures, Integer label, String labelName, List<String> inputs,
                         List<String> expectedOutputs, Integer expectedClass, String expectedLabel,
                         double[] expectedDequantized, String leoRun, String overflow) {

    static SampleJson of(SampleRow r, OutputFormat format, String function) {
        String leoRun = "leo run " + function + " " + String.join(" ", r.inputs().stream().map(i -> "\"" + i + "\"").toList());
        return new SampleJson(r.index(), r.rawFeatures(), r.label(), r.label() == null ? null : format.labelOf(r.label()),
                r.inputs(), r.expectedOutputs(), r.expected().classIndex(), r.expected().classLabel(),
                r.expected().dequantized(), leoRun, r.overflow());
    }
}
