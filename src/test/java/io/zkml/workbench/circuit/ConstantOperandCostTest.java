package io.zkml.workbench.circuit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Other instructions with a constant operand whose non-zero counts depend on the constant, against
 * circuits snarkVM synthesized (@provablehq/sdk 0.11.10, 7 Dec 2026): one function, a private i16
 * input, the instruction, one public output. Each pair differs only in the constant, so the pair's
 * difference is the constant's effect; the gadget rules already follow the constant's bits (a signed
 * add's and compare's sign tests, a select's per-bit and/or), and these pin them to the measurements.
 */
class ConstantOperandCostTest {

    private record Pair(String out, String a, CircuitInfo measuredA, String b, CircuitInfo measuredB) {
    }

    private static final Pair[] PAIRS = {
            new Pair("r1 as i16", "add r0 5i16 into r1", new CircuitInfo(11_579, 11_591, 26_669, 37_008, 15_651),
                    "add r0 -5i16 into r1", new CircuitInfo(11_579, 11_591, 26_668, 37_008, 15_651)),
            new Pair("r1 as boolean", "lt r0 5i16 into r1", new CircuitInfo(11_577, 11_590, 26_652, 36_978, 15_649),
                    "lt r0 -5i16 into r1", new CircuitInfo(11_577, 11_590, 26_651, 36_977, 15_648)),
            new Pair("r1 as boolean", "lt r0 -5i16 into r1", new CircuitInfo(11_577, 11_590, 26_651, 36_977, 15_648),
                    "gte r0 -300i16 into r1", new CircuitInfo(11_577, 11_590, 26_651, 36_977, 15_648)),
            new Pair("r2 as i16", "lt r0 0i16 into r1;ternary r1 7i16 r0 into r2",
                    new CircuitInfo(11_593, 11_606, 26_699, 37_027, 15_668),
                    "lt r0 0i16 into r1;ternary r1 -7i16 r0 into r2",
                    new CircuitInfo(11_593, 11_606, 26_699, 37_038, 15_679)),
    };

    private static CircuitInfo predicted(String body, String out) {
        StringBuilder text = new StringBuilder("program nz.aleo;\n\nfunction main:\n    input r0 as i16.private;\n");
        for (String ins : body.split(";")) {
            if (!ins.isEmpty()) {
                text.append("    ").append(ins).append(";\n");
            }
        }
        text.append("    output ").append(out).append(".public;\n");
        return CostModel.bundled().estimate(ProbeParser.parse(text.toString())).total();
    }

    @Test
    void theConstantsEffectIsPredictedExactly() {
        for (Pair p : PAIRS) {
            assertEquals(p.measuredA().minus(p.measuredB()), predicted(p.a(), p.out()).minus(predicted(p.b(), p.out())),
                    p.a() + " vs " + p.b());
        }
    }

    @Test
    void aSignedAddOfAConstantIsPredictedExactly() {
        // Against the same function without the add (SignedMulCostTest's i16 identity, measured the same day).
        CircuitInfo identity = new CircuitInfo(11_558, 11_572, 26_614, 36_987, 15_630);
        assertEquals(PAIRS[0].measuredA().minus(identity),
                predicted(PAIRS[0].a(), PAIRS[0].out()).minus(predicted("", "r0 as i16")));
    }
}
