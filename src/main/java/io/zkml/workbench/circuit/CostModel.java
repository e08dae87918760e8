package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrAssertion;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.IrType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Predicts a program's circuit. Composition rule (checked against snarkVM in CostModelTest and the
 * snarkVM tests): fixed function overhead + each input's cost + the sum of the instruction costs +
 * each output's cost. It holds because snarkVM synthesizes every instruction on its own; what an
 * instruction costs depends only on the shapes of its operands (which variables and constants their
 * linear combinations hold), which {@link GadgetModel} tracks through the program. Instructions it
 * has a gadget rule for are priced by the rule, the rest (hashes, integer multiplies) from the
 * measured table; inputs and their hashes follow {@link PlaintextPacking}.
 */
public final class CostModel {

    /**
     * An output costs (0, 0, 1, 2, 0) per variable its value's bits hold (the {@code i32.shr.const}
     * probe: one term fewer, A -1 and B -2); output entries are the cost at no variable term.
     */
    static final CircuitInfo PER_OUTPUT_TERM = new CircuitInfo(0, 0, 1, 2, 0);

    private final CostTable table;

    public CostModel(CostTable table) {
        this.table = table;
    }

    public static CostModel bundled() {
        return new CostModel(CostTable.bundled());
    }

    /** The program as AleoPrinter prints it, with its constructor. */
    public CostEstimate estimate(IrProgram p) {
        return estimate(p, true);
    }

    /**
     * {@code constructor}: whether the program text has one. It does not run in the function, yet
     * its presence adds (0, 0, 1, 2, 0) to the function's circuit (measured), so "fixed" includes it.
     */
    CostEstimate estimate(IrProgram p, boolean constructor) {
        Map<String, CircuitInfo> perLayer = new LinkedHashMap<>();
        TreeSet<String> unmeasured = new TreeSet<>();
        TreeSet<String> estimated = new TreeSet<>();
        perLayer.put("fixed", table.fixed());
        if (constructor) {
            record(perLayer, "fixed", "constructor", table.cost("constructor"), unmeasured);
        }
        boolean first = true;
        for (IrInput in : p.inputs()) {
            // The first input is measured against the reference [i32; 4u32]; each further one adds
            // its own input hash, measured as a second input next to a [i16; 4u32].
            String prefix = first ? "input:" : "input2:";
            Optional<CircuitInfo> c = PlaintextPacking.input(table, prefix, in.reg().type());
            record(perLayer, "input", prefix + in.reg().type().aleo(), c, unmeasured);
            notMeasured(prefix + in.reg().type().aleo(), c, estimated);
            first = false;
        }
        GadgetModel gadgets = new GadgetModel();
        for (Instruction ins : p.body()) {
            CircuitInfo c = gadgets.price(ins);
            if (c != null) {
                perLayer.merge(ins.layer(), c, CircuitInfo::plus);
            } else if (ins instanceof Instruction.Hash h) {
                Optional<CircuitInfo> hc = hashCost(h.src().type());
                record(perLayer, ins.layer(), CostKeys.of(ins), hc, unmeasured);
                notMeasured("hash.psd2:" + h.src().type().aleo(), hc, estimated);
            } else {
                record(perLayer, ins.layer(), CostKeys.of(ins), table.cost(CostKeys.of(ins)), unmeasured);
            }
        }
        for (IrAssertion as : p.assertions()) {
            CircuitInfo c = gadgets.assertion(as);
            record(perLayer, as.layer(), "assert.eq:" + as.a().type().aleo(), Optional.ofNullable(c), unmeasured);
        }
        for (IrOutput out : p.outputs()) {
            String key = CostKeys.output(out.value().type());
            Optional<CircuitInfo> c = PlaintextPacking.output(table, out.value().type())
                    .map(base -> base.plus(PER_OUTPUT_TERM.times(gadgets.variableTerms(out.value()))));
            record(perLayer, "output", key, c, unmeasured);
            notMeasured(key, c, estimated);
        }
        CircuitInfo total = CircuitInfo.ZERO;
        for (CircuitInfo c : perLayer.values()) {
            total = total.plus(c);
        }
        return new CostEstimate(total, perLayer, List.copyOf(unmeasured), List.copyOf(estimated));
    }

    /** Poseidon over the array's packed field elements ({@link PlaintextPacking}). */
    private Optional<CircuitInfo> hashCost(IrType t) {
        return PlaintextPacking.hash(table, t);
    }

    /** A priced shape the table has no measurement of was extrapolated: the prediction is an estimate there. */
    private void notMeasured(String key, Optional<CircuitInfo> c, TreeSet<String> estimated) {
        if (c.isPresent() && table.cost(key).isEmpty() && !PlaintextPacking.VERIFIED.contains(key)) {
            estimated.add(key);
        }
    }

    private static void record(Map<String, CircuitInfo> perLayer, String layer, String key, Optional<CircuitInfo> c,
                               TreeSet<String> unmeasured) {
        if (c.isEmpty()) {
            unmeasured.add(key);
        }
        perLayer.merge(layer, c.orElse(CircuitInfo.ZERO), CircuitInfo::plus);
    }
}
