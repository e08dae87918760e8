package io.zkml.workbench.data;

import io.zkml.workbench.WorkbenchException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed inputs: read as doubles, and never NaN or infinite (issue #12: NaN proved "versicolor"). */
class RowValuesTest {

    @Test
    void valuesKeepEveryDigitAsDoubles() {
        assertArrayEquals(new double[] {1582999200, 1, -0.25}, RowValues.parseExact("1582999200, 1,-0.25", "value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN,1,2,3", "1,Infinity,2,3", "1,2,-Infinity,3", "1,2,3,nan"})
    void nonFiniteValuesAreRefusedByPosition(String csv) {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> RowValues.parse(csv, "--input value"));
        int position = java.util.Arrays.asList(csv.split(",")).indexOf(
                java.util.Arrays.stream(csv.split(",")).filter(s -> !s.matches("-?\\d+")).findFirst().orElseThrow()) + 1;
        assertTrue(e.getMessage().startsWith("--input value " + position + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
    }

    @Test
    void valuesBeyondFloatRangeAreRefusedNotMadeInfinite() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> RowValues.parse("1e39", "value"));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    @Test
    void emptyValuesAreRefused() {
        assertThrows(WorkbenchException.class, () -> RowValues.parse("1,,2", "value"));
    }
}
