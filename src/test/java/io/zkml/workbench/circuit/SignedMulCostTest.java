package io.zkml.workbench.circuit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signed integer multiplication by a constant (GadgetModel's mul_checked rule) against circuits snarkVM
 * synthesized (@provablehq/sdk 0.11.10, 7 Dec 2026): one function, one private input, one
 * {@code mul}, the product as public output. Each case is compared as its difference to the same
 * function without the multiplication, so the input and output (not under test) cancel. The sign of
 * the constant changes nonZeroA by the bit width (the sign test is {@code 1 - msb} or {@code msb}); its
 * magnitude and zero bits change nothing (i16 measured with 2, 3, 4, 5, 6, 7, 8, 9, 12, 16 and -2, -3, -4,
 * -5, -10, -12: two circuits only); a constant on the left swaps its one entry with the n of the
 * absolute value in the product row between A and B.
 */
class SignedMulCostTest {

    /** snarkVM's circuit of {@code input r0 as <type>.private; <body> output <out> as <type>.public;}. */
    private record Measured(String type, String body, String out, CircuitInfo circuit) {
    }

    private static final Measured[] IDENTITY = {
            new Measured("i8", "", "r0", new CircuitInfo(11_550, 11_564, 26_582, 36_947, 15_630)),
            new Measured("i16", "", "r0", new CircuitInfo(11_558, 11_572, 26_614, 36_987, 15_630)),
            new Measured("i32", "", "r0", new CircuitInfo(11_574, 11_588, 26_678, 37_067, 15_630)),
            new Measured("i64", "", "r0", new CircuitInfo(11_606, 11_620, 26_806, 37_227, 15_630)),
    };

    private static final Measured[] MULS = {
            mul("i8", "mul r0 3i8", 11_607, 11_616, 26_703, 37_029, 15_705),
            mul("i8", "mul r0 -4i8", 11_607, 11_616, 26_695, 37_029, 15_705),
            mul("i16", "mul r0 3i16", 11_663, 11_672, 26_847, 37_141, 15_777),
            mul("i16", "mul r0 4i16", 11_663, 11_672, 26_847, 37_141, 15_777),
            mul("i16", "mul r0 -3i16", 11_663, 11_672, 26_831, 37_141, 15_777),
            mul("i16", "mul r0 -10i16", 11_663, 11_672, 26_831, 37_141, 15_777),
            mul("i16", "mul 7i16 r0", 11_663, 11_672, 26_832, 37_156, 15_777),
            mul("i16", "mul -7i16 r0", 11_663, 11_672, 26_816, 37_156, 15_777),
            mul("i32", "mul r0 6i32", 11_775, 11_784, 27_135, 37_365, 15_921),
            mul("i32", "mul r0 -6i32", 11_775, 11_784, 27_103, 37_365, 15_921),
            mul("i64", "mul r0 5i64", 11_999, 12_008, 27_711, 37_813, 16_209),
            mul("i64", "mul r0 -8i64", 11_999, 12_008, 27_647, 37_813, 16_209),
    };

    private static Measured mul(String type, String instruction, long constraints, long variables, long a, long b,
                                long c) {
        return new Measured(type, instruction + " into r1;", "r1", new CircuitInfo(constraints, variables, a, b, c));
    }

    private static CircuitInfo predicted(Measured m) {
        String text = "program nz.aleo;\n\nfunction main:\n    input r0 as " + m.type() + ".private;\n"
                + (m.body().isEmpty() ? "" : "    " + m.body() + "\n")
                + "    output " + m.out() + " as " + m.type() + ".public;\n";
        return CostModel.bundled().estimate(ProbeParser.parse(text)).total();
    }

    @Test
    void everyMeasuredMultiplicationIsPredictedExactly() {
        for (Measured m : MULS) {
            Measured id = java.util.Arrays.stream(IDENTITY).filter(i -> i.type().equals(m.type())).findFirst().orElseThrow();
            assertEquals(m.circuit().minus(id.circuit()), predicted(m).minus(predicted(id)), m.body());
        }
    }

    @Test
    void aNegativeConstantHasOneFewerNonZeroInAPerBit() {
        for (String t : new String[] {"i8", "i16", "i32", "i64"}) {
            int bits = Integer.parseInt(t.substring(1));
            CircuitInfo positive = predicted(mul(t, "mul r0 6" + t, 0, 0, 0, 0, 0));
            CircuitInfo negative = predicted(mul(t, "mul r0 -6" + t, 0, 0, 0, 0, 0));
            assertEquals(new CircuitInfo(0, 0, bits, 0, 0), positive.minus(negative), t);
        }
    }
}
