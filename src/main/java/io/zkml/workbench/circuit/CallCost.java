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
 * the price is moved from {@link #ANCHOR}, measured with snarkVM (SDK 0.11.10, sidecar op
 * {@code synthesizeChain}): a function taking a private {@code [i16; 4u32]} and returning, public, the
 * {@code u8} its call of another program returned synthesized (13,672, 13,686, 35,169, 51,841, 17,700);
 * the cost model prices everything but the call at (11,611, 11,625, 26,773, 37,156, 15,635). The move
 * follows the packing rules of {@link PlaintextPacking} (per packed field element of a private
 * argument as an input's, per value bit as a hash's; per result as a public output's) and agrees with
 * the notes' probes ({@code [i16; 16u32] -> u8}: 2,071 constraints) to a few constraints, so any shape but the
 * anchor is reported as estimated until a probe of it is in the table.
 */
final class CallCost {

    static final String ANCHOR_KEY = "call:[i16; 4u32]->u8";
    static final CircuitInfo ANCHOR = new CircuitInfo(2061, 2061, 8396, 14685, 2065);
    private static final ArrayType ANCHOR_ARG = new ArrayType(ScalarType.I16, 4);

    private CallCost() {
    }

    static String key(IrCall c) {
        return "call:" + c.args().stream().map(o -> o.type().aleo()).collect(Collectors.joining(","))
                + "->" + c.results().stream().map(r -> r.type().aleo()).collect(Collectors.joining(","));
    }

    /** The caller-side cost: measured for the anchor's shape, moved along the packing rules for others. */
    static Optional<CircuitInfo> caller(CostTable table, IrCall c) {
        Optional<CircuitInfo> measured = table.cost(key(c));
        if (measured.isPresent()) {
            return measured;
        }
        CircuitInfo cost = ANCHOR.minus(argument(ANCHOR_ARG)).minus(result(ScalarType.U8));
        for (Operand o : c.args()) {
            cost = cost.plus(argument(o.type()));
        }
        for (Operand.Reg r : c.results()) {
            cost = cost.plus(result(r.type()));
        }
        return Optional.of(cost);
    }

    /** The anchor's cost (the one shape measured, so exact). */
    static boolean measured(IrCall c) {
        return key(c).equals(ANCHOR_KEY);
    }

    private static CircuitInfo argument(IrType t) {
        ArrayType a = t instanceof ArrayType at ? at : new ArrayType((ScalarType) t, 1);
        return PlaintextPacking.INPUT_PER_FIELD.times(PlaintextPacking.fields(a))
                .plus(PlaintextPacking.HASH_PER_VALUE_BIT.times(PlaintextPacking.valueBits(a)));
    }

    private static CircuitInfo result(IrType t) {
        ArrayType a = t instanceof ArrayType at ? at : new ArrayType((ScalarType) t, 1);
        return PlaintextPacking.OUTPUT_PER_FIELD.times(PlaintextPacking.fields(a))
                .plus(CostModel.PER_OUTPUT_TERM.times(PlaintextPacking.valueBits(a)));
    }
}
