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
 * the only sharing is constants, which the cost keys already distinguish.
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
            add(perLayer, "input", CostKeys.input(in.reg().type()), unmeasured);
        }
        for (Instruction ins : p.body()) {
            add(perLayer, ins.layer(), CostKeys.of(ins), unmeasured);
        }
        for (IrOutput out : p.outputs()) {
            add(perLayer, "output", CostKeys.output(out.value().type()), unmeasured);
        }
        CircuitInfo total = CircuitInfo.ZERO;
        for (CircuitInfo c : perLayer.values()) {
            total = total.plus(c);
        }
        return new CostEstimate(total, perLayer, List.copyOf(unmeasured));
    }

    private void add(Map<String, CircuitInfo> perLayer, String layer, String key, TreeSet<String> unmeasured) {
        CircuitInfo c = table.cost(key).orElse(null);
        if (c == null) {
            unmeasured.add(key);
            c = CircuitInfo.ZERO;
        }
        perLayer.merge(layer, c, CircuitInfo::plus);
    }
}
