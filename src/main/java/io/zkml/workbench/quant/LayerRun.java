package io.zkml.workbench.quant;

import java.util.List;

/**
 * One layer's simulated output for a whole batch: {@code values[sample * size + neuron]}
 * (never modified once built), how many values the activation clamp saturated, and its overflows.
 */
record LayerRun(long[] values, long saturated, List<OverflowEvent> events, long overflowCount) {
}
