package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrCall;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ScalarType;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@code call} of another program's function adds to the caller's circuit (the callee's own
 * transition is priced as any function). A table entry {@code call:<args>-><results>} wins; otherwise
 * the price is moved from {@link #ANCHOR}, measured with snarkVM (SDK 0.11.10,
 * the sidecar synthesizing a chain, 2026-12-05): a function taking a private {@code [i16; 4u32]} and returning, public, the
 * {@code u8} its call of another program returned synthesized (13,672, 13,686, 35,169, 51,841, 17,700);
 * the cost model prices everything but the call at (11,611, 11,625, 26,773, 37,156, 15,635). The move
 * follows the packing rules of {@link PlaintextPacking}: per packed field element of a private argument as
 * an input's, per variable bit of an argument as a hash's (iris-tiny's hand-off, whose values have 44 bits
 * fixed to constants by a shift, showed the constant bits add nothing: A -44, B -88); per returned value bit as an input's (the caller witnesses the
 * returned bits) and per returned field element as an output's. It predicted three further probes in all
 * five counts: {@code [i16; 8u32] -> u8} and {@code [u16; 8u32] -> u8} (2,061, 2,061, 8,460, 14,813, 2,065)
 * and {@code [i16; 4u32] -> [i16; 3u32]} (2,101, 2,101, 8,516, 14,805, 2,065). Those shapes, and iris-tiny's
 * hand-off {@code [u32; 4u32] -> u8} (its chain cut after layer0, predicted in all five counts by
 * {@code ChainProofSnarkVmTest} on every run and recorded in {@code golden/snarkvm/chains}), count as exact;
 * any other shape is reported as estimated until snarkVM has confirmed it.
 */
final class CallCost {

    static final String ANCHOR_KEY = "call:[i16; 4u32]->u8";
    static final CircuitInfo ANCHOR = new CircuitInfo(2061, 2061, 8396, 14685, 2065);
    /** The call shapes whose price snarkVM confirmed in all five counts: the anchor and the shapes above. */
    static final java.util.Set<String> CONFIRMED = java.util.Set.of(ANCHOR_KEY, "call:[i16; 8u32]->u8",
            "call:[u16; 8u32]->u8", "call:[i16; 4u32]->[i16; 3u32]", "call:[u32; 4u32]->u8");
    private static final ArrayType ANCHOR_ARG = new ArrayType(ScalarType.I16, 4);

    private CallCost() {
    }

    static String key(IrCall c) {
        return "call:" + c.args().stream().map(o -> o.type().aleo()).collect(Collectors.joining(","))
                + "->" + c.results().stream().map(r -> r.type().aleo()).collect(Collectors.joining(","));
    }

    /** The caller-side cost: measured for the anchor's shape, moved along the packing rules for others. */
    static Optional<CircuitInfo> caller(CostTable table, IrCall c, java.util.function.ToLongFunction<Operand> variableTerms) {
        Optional<CircuitInfo> measured = table.cost(key(c));
        if (measured.isPresent()) {
            return measured;
        }
        CircuitInfo cost = ANCHOR.minus(argument(ANCHOR_ARG, PlaintextPacking.valueBits(ANCHOR_ARG)))
                .minus(result(ScalarType.U8));
        for (Operand o : c.args()) {
            cost = cost.plus(argument(o.type(), variableTerms.applyAsLong(o)));
        }
        for (Operand.Reg r : c.results()) {
            cost = cost.plus(result(r.type()));
        }
        return Optional.of(cost);
    }

    /** Whether the call's price is exact: its shape is one snarkVM confirmed ({@link #CONFIRMED}). */
    static boolean measured(IrCall c) {
        return CONFIRMED.contains(key(c));
    }

    /** An argument's packed field elements, and its bits that are variables (a constant bit adds nothing). */
    private static CircuitInfo argument(IrType t, long variableTerms) {
        ArrayType a = t instanceof ArrayType at ? at : new ArrayType((ScalarType) t, 1);
        return PlaintextPacking.INPUT_PER_FIELD.times(PlaintextPacking.fields(a))
                .plus(PlaintextPacking.HASH_PER_VALUE_BIT.times(variableTerms));
    }

    private static CircuitInfo result(IrType t) {
        ArrayType a = t instanceof ArrayType at ? at : new ArrayType((ScalarType) t, 1);
        return PlaintextPacking.OUTPUT_PER_FIELD.times(PlaintextPacking.fields(a))
                .plus(PlaintextPacking.INPUT_PER_VALUE_BIT.times(PlaintextPacking.valueBits(a)));
    }
}
