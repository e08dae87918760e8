package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrCall;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.Operand;
import io.zkml.workbench.codegen.ScalarType;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@code call} of another program's function adds to the caller's circuit (the callee's
 * own transition is priced as any function). A measured table entry {@code call:<args> -> <results>}
 * is exact; any other shape is moved from the fit of docs/notes' private-array probes (SDK 0.11.10:
 * about 2,843 constraints and 20,121 non-zeros of B per call, 1.25 constraints per value bit / 16 passed in,
 * 17.25 per returned element), which is an estimate, listed as such, until the probes of that shape are
 * in the table.
 */
final class CallCost {

    /** Per call, private arrays in and public values out (fit, see the class comment). */
    static final CircuitInfo PER_CALL = new CircuitInfo(2843, 2843, 10_000, 20_121, 2843);

    private CallCost() {
    }

    static String key(IrCall c) {
        return "call:" + c.args().stream().map(o -> o.type().aleo()).collect(Collectors.joining(","))
                + "->" + c.results().stream().map(r -> r.type().aleo()).collect(Collectors.joining(","));
    }

    /** The caller-side cost: the table's measurement of this shape, else the fit. */
    static Optional<CircuitInfo> caller(CostTable table, IrCall c) {
        Optional<CircuitInfo> measured = table.cost(key(c));
        if (measured.isPresent()) {
            return measured;
        }
        long bitsIn = 0;
        for (Operand o : c.args()) {
            bitsIn += bits(o.type());
        }
        long elementsOut = 0;
        for (Operand.Reg r : c.results()) {
            elementsOut += r.type() instanceof ArrayType a ? a.length() : 1;
        }
        long constraints = Math.round(bitsIn * 1.25 / 16) + Math.round(elementsOut * 17.25);
        return Optional.of(PER_CALL.plus(new CircuitInfo(constraints, constraints, 3 * constraints, 7 * constraints,
                constraints)));
    }

    private static long bits(IrType t) {
        if (t instanceof ArrayType a) {
            return (long) a.length() * a.element().bits();
        }
        return ((ScalarType) t).bits();
    }
}
