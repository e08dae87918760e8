package io.zkml.workbench.circuit;

import java.util.List;
import java.util.Map;

/**
 * One probe program of the cost calibration. Its cost minus {@code baseline}'s minus the
 * {@code known} costs it also contains, divided by {@code count}, is the cost of one
 * {@code target} ({@link CostKeys} syntax). A probe with a null target measures a fixed part
 * (the baseline itself, or an input or output shape named by {@code ioKey}).
 */
public record CalibrationProbe(String name, String program, List<String> inputs, String baseline,
                               Map<String, Integer> known, String target, int count, String ioKey) {

    public CalibrationProbe {
        inputs = List.copyOf(inputs);
        known = Map.copyOf(known);
    }
}
