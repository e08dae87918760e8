package io.zkml.workbench.ui.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatTest {

    @Test
    void axisTicksAreShortButExact() {
        // The cost chart's scale once read "10k 13k 15k" for ticks at 10,000, 12,500 and 15,000.
        assertEquals("12.5k", Format.tick(12_500));
        assertEquals("13k", Format.compact(12_500), "badges keep their two-digit rounding");
        assertEquals("10k", Format.tick(10_000));
        assertEquals("1.25k", Format.tick(1_250));
        assertEquals("250", Format.tick(250));
        assertEquals("0", Format.tick(0));
        assertEquals("1.25M", Format.tick(1_250_000));
        assertEquals("450k", Format.tick(450_000));
        assertEquals("2M", Format.tick(2_000_000));
    }

    @Test
    void feeEstimatesLineUpToTheHundredth() {
        // The transition table's deployment estimates once read "1258.9059" over "1413.34463".
        assertEquals("1,258.91", Format.creditsEstimate(1_258_905_900));
        assertEquals("1,413.34", Format.creditsEstimate(1_413_344_630));
        assertEquals("500.17", Format.creditsEstimate(500_165_747));
        assertEquals("0.00", Format.creditsEstimate(0));
    }
}
