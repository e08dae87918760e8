package io.zkml.workbench.export;

import java.util.List;

/**
 * One dataset row as the program sees it.
 *
 * @param index          row number in the dataset (0-based), or -1 for an ad-hoc input
 * @param rawFeatures    the row as in the CSV
 * @param label          the dataset's class label index, or null (regression, ad-hoc input)
 * @param inputs         the Aleo input literals, one per function input (private)
 * @param expectedOutputs the public outputs the integer simulator predicts, as Aleo literals
 * @param overflow       null, or why the program would abort on this row (checked arithmetic overflows)
 */
public record SampleRow(int index, float[] rawFeatures, Integer label, List<String> inputs,
                        List<String> expectedOutputs, DecodedOutput expected, String overflow) {

    public SampleRow {
        inputs = List.copyOf(inputs);
        expectedOutputs = List.copyOf(expectedOutputs);
    }
}
