package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Predicts a program's circuit from measured costs. Composition rule (checked against snarkVM in
 * CostModelTest): fixed function overhead + each input's cost + each output's cost + the sum of
 * the instruction costs. It holds because snarkVM synthesizes every instruction independently:
 * the only sharing is constants: constant operands (the cost keys distinguish them) and constant
 * bits, which make a ternary cheaper ({@link VariableBits}).
 */
public final class CostModel {

    private final CostTable table;

    public CostModel(CostTable table) {
        this.table = table;
    }

    public static CostModel bundled() {
        return new CostModel(CostTable.bundled());
    }

    public CostEstimate estimate(IrProgram p) {
        Map<String, CircuitInfo> perLayer = new LinkedHashMap<>();
        TreeSet<String> unmeasured = new TreeSet<>();
        perLayer.put("fixed", table.fixed());
        for (IrInput in : p.inputs()) {
            add(perLayer, "input", CostKeys.input(in.reg().type()), 1, unmeasured);
        }
        VariableBits bits = new VariableBits();
        for (Instruction ins : p.body()) {
            if (ins instanceof Instruction.Ternary t && bits.isInteger(t)) {
                // One constraint and one variable per bit that is not a constant in both branches
                // (measured: 16, 32 and 64 for full i16, i32 and u64 selects; 56 after a shift by 8).
                int n = bits.selectedBits(t);
                CircuitInfo full = table.cost(CostKeys.of(ins)).orElse(null);
                if (full == null) {
                    unmeasured.add(CostKeys.of(ins));
                } else {
                    double share = (double) n / bits.typeBits(t);
                    perLayer.merge(ins.layer(), new CircuitInfo(n, n, Math.round(full.nonZeroA() * share),
                            Math.round(full.nonZeroB() * share), Math.round(full.nonZeroC() * share)), CircuitInfo::plus);
                }
            } else {
                add(perLayer, ins.layer(), CostKeys.of(ins), 1, unmeasured);
            }
            bits.define(ins);
        }
        for (IrOutput out : p.outputs()) {
            add(perLayer, "output", CostKeys.output(out.value().type()), 1, unmeasured);
        }
        CircuitInfo total = CircuitInfo.ZERO;
        for (CircuitInfo c : perLayer.values()) {
            total = total.plus(c);
        }
        return new CostEstimate(total, perLayer, List.copyOf(unmeasured));
    }

    /** {@code share}: the part of a full-width instruction this one pays (constant high bits are free). */
    private void add(Map<String, CircuitInfo> perLayer, String layer, String key, double share,
                     TreeSet<String> unmeasured) {
        CircuitInfo c = table.cost(key).orElse(null);
        if (c == null) {
            unmeasured.add(key);
            c = CircuitInfo.ZERO;
        }
        if (share != 1) {
            c = new CircuitInfo(Math.round(c.constraints() * share), Math.round(c.variables() * share),
                    Math.round(c.nonZeroA() * share), Math.round(c.nonZeroB() * share), Math.round(c.nonZeroC() * share));
        }
        perLayer.merge(layer, c, CircuitInfo::plus);
    }
}
