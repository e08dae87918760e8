package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.QuantizedGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model can be cut into segments of a program chain: before layer {@code b} when only layer
 * {@code b - 1}'s values are read from layer {@code b} on (a sequential stretch of the graph), so one
 * activation crosses the cut. The input layer stays in the first segment and the output layer in the last.
 */
public final class ChainCuts {

    private ChainCuts() {
    }

    /** Whether the chain may be cut before layer {@code b}. */
    public static boolean allowed(QuantizedGraph g, int b) {
        if (b < 1 || b >= g.layers().size() || g.outputIndex() < b) {
            return false;
        }
        for (int j = b; j < g.layers().size(); j++) {
            for (int i : g.layer(j).inputs()) {
                if (i < b - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every allowed cut, ascending. */
    public static List<Integer> all(QuantizedGraph g) {
        List<Integer> out = new ArrayList<>();
        for (int b = 1; b < g.layers().size(); b++) {
            if (allowed(g, b)) {
                out.add(b);
            }
        }
        return out;
    }
}
