package io.zkml.workbench.ui;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ProvingEstimate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cost figures the dashboard and node badges show, read from the one compiled program (the
 * program the Code tab shows, Export writes and Prove proves). Nothing here is computed again.
 */
record ProgramCost(CompiledModel program) {

    long totalConstraints() {
        return program.cost().total().constraints();
    }

    int srsDegreeLog2() {
        return program.srsDegreeLog2();
    }

    ProvingEstimate estimate() {
        return program.provingEstimate();
    }

    /** Constraints per model layer only; the function's own parts are never under a layer's name. */
    Map<String, Long> constraintsByNode() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, CircuitInfo> e : program.cost().layers().entrySet()) {
            m.put(e.getKey(), e.getValue().constraints());
        }
        return m;
    }

    /** The function's overhead with receiving its inputs (the inputs are priced relative to a reference inside it). */
    long functionOverhead() {
        return program.cost().functionAndInputs().constraints();
    }

    /** Hashing the private weights (zero for constant weights). */
    long commitment() {
        return program.cost().commitment().constraints();
    }

    boolean commitsToWeights() {
        return program.program().commitmentLayer() != null;
    }

    long outputs() {
        return program.cost().outputs().constraints();
    }
}
