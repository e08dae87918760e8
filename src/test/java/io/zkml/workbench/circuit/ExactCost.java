package io.zkml.workbench.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost model's prediction equals the circuit snarkVM synthesized, in all five counts and the SRS degree. */
public final class ExactCost {

    private ExactCost() {
    }

    public static void assertExact(io.zkml.workbench.prove.CircuitInfo actual, CostEstimate predicted, String what) {
        // Complete, not necessarily exact: this comparison is what verifies an extrapolated shape.
        assertTrue(predicted.complete(), what + ": unmeasured " + predicted.unmeasured());
        CircuitInfo p = predicted.total();
        System.out.printf("[exact] %s: snarkVM %s, predicted %s, SRS 2^%d%n", what, actual, p, predicted.srsDegreeLog2());
        CircuitInfo a = new CircuitInfo(actual.constraints(), actual.variables(), actual.nonZeroA(), actual.nonZeroB(),
                actual.nonZeroC());
        assertEquals(a, p, what + ": snarkVM (expected) vs predicted");
        assertEquals(actual.srsDegreeLog2(), predicted.srsDegreeLog2(), what + ": SRS degree");
    }
}
