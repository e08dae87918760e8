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

    /**
     * A field output is decomposed into bits once, so its terms appear in A only (measured: the same
     * 993-constraint output of a hash.psd2 result, 3 terms, and of a hash.psd8 result, 9 terms, differ by
     * exactly 6 in A and nothing else).
     */
    static final CircuitInfo PER_FIELD_OUTPUT_TERM = new CircuitInfo(0, 0, 1, 0, 0);

    /** What an output's variable terms add, by its type. */
    static CircuitInfo outputTerms(IrType t, long terms) {
        return (t == io.zkml.workbench.codegen.ScalarType.FIELD ? PER_FIELD_OUTPUT_TERM : PER_OUTPUT_TERM).times(terms);
    }

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
     * its presence adds (0, 0, 1, 2, 0) to the function's circuit (measured), so the overhead includes it.
     */
    CostEstimate estimate(IrProgram p, boolean constructor) {
        Map<String, CircuitInfo> layers = new LinkedHashMap<>();
        TreeSet<String> unmeasured = new TreeSet<>();
        TreeSet<String> estimated = new TreeSet<>();
        CircuitInfo overhead = table.fixed();
        if (constructor) {
            overhead = overhead.plus(priced("constructor", table.cost("constructor"), unmeasured));
        }
        CircuitInfo inputs = CircuitInfo.ZERO;
        boolean first = true;
        for (IrInput in : p.inputs()) {
            // The first input is measured against the reference [i32; 4u32]; each further one adds
            // its own input hash, measured as a second input next to a [i16; 4u32].
            String prefix = first ? "input:" : "input2:";
            Optional<CircuitInfo> c = PlaintextPacking.input(table, prefix, in.reg().type());
            inputs = inputs.plus(priced(prefix + in.reg().type().aleo(), c, unmeasured));
            notMeasured(prefix + in.reg().type().aleo(), c, estimated);
            first = false;
        }
        GadgetModel gadgets = new GadgetModel();
        CircuitInfo commitment = CircuitInfo.ZERO;
        for (Instruction ins : p.body()) {
            CircuitInfo c = gadgets.price(ins);
            if (c == null) {
                if (ins instanceof Instruction.Hash h) {
                    Optional<CircuitInfo> hc = PlaintextPacking.hash(table, h.algorithm(), h.src().type());
                    notMeasured("hash." + h.algorithm() + ":" + h.src().type().aleo(), hc, estimated);
                    c = priced(CostKeys.of(ins), hc, unmeasured);
                } else {
                    c = priced(CostKeys.of(ins), table.cost(CostKeys.of(ins)), unmeasured);
                }
            }
            if (ins.layer().equals(p.commitmentLayer())) {
                commitment = commitment.plus(c);
            } else {
                layers.merge(ins.layer(), c, CircuitInfo::plus);
            }
        }
        for (IrAssertion as : p.assertions()) {
            CircuitInfo c = priced("assert.eq:" + as.a().type().aleo(), Optional.ofNullable(gadgets.assertion(as)),
                    unmeasured);
            if (as.layer().equals(p.commitmentLayer())) {
                commitment = commitment.plus(c);
            } else {
                layers.merge(as.layer(), c, CircuitInfo::plus);
            }
        }
        CircuitInfo outputs = CircuitInfo.ZERO;
        for (IrOutput out : p.outputs()) {
            String key = CostKeys.output(out.value().type());
            Optional<CircuitInfo> c = PlaintextPacking.output(table, out.value().type())
                    .map(base -> base.plus(outputTerms(out.value().type(), gadgets.variableTerms(out.value()))));
            outputs = outputs.plus(priced(key, c, unmeasured));
            notMeasured(key, c, estimated);
        }
        CircuitInfo call = CircuitInfo.ZERO;
        if (p.call() != null) {
            Optional<CircuitInfo> c = CallCost.caller(table, p.call(), gadgets::variableTerms);
            call = priced(CallCost.key(p.call()), c, unmeasured);
            if (!CallCost.measured(p.call())) {
                notMeasured(CallCost.key(p.call()), c, estimated);
            }
        }
        CircuitInfo total = overhead.plus(inputs).plus(commitment).plus(outputs).plus(call);
        for (CircuitInfo c : layers.values()) {
            total = total.plus(c);
        }
        return new CostEstimate(total, overhead, inputs, commitment, outputs, layers, List.copyOf(unmeasured),
                List.copyOf(estimated), call);
    }

    /** A priced shape the table has no measurement of was extrapolated: the prediction is an estimate there. */
    private void notMeasured(String key, Optional<CircuitInfo> c, TreeSet<String> estimated) {
        if (c.isPresent() && table.cost(key).isEmpty() && !PlaintextPacking.verified(key)) {
            estimated.add(key);
        }
    }

    /** The measured cost, or zero with {@code key} noted as unmeasured. */
    private static CircuitInfo priced(String key, Optional<CircuitInfo> c, TreeSet<String> unmeasured) {
        if (c.isEmpty()) {
            unmeasured.add(key);
        }
        return c.orElse(CircuitInfo.ZERO);
    }
}
