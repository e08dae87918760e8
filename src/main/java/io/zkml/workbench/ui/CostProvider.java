package io.zkml.workbench.ui;

import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;

import java.util.Map;
import java.util.Optional;

/**
 * Where the dashboard and node cards get circuit cost figures. The code generator's cost model
 * plugs in here; until it does, {@link #NONE} leaves the cost panels empty. Called off the FX
 * thread after every evaluation, so implementations may take a moment but must be thread-safe.
 */
@FunctionalInterface
public interface CostProvider {

    CostProvider NONE = (graph, spec) -> Optional.empty();

    Optional<Figures> estimate(QuantizedGraph graph, QuantSpec spec);

    /**
     * @param constraintsByNode constraints per graph node name (nodes that cost nothing may be absent)
     * @param srsDegreeLog2     the universal SRS the program needs is 2^srsDegreeLog2
     */
    record Figures(Map<String, Long> constraintsByNode, long totalConstraints, int srsDegreeLog2) {

        public Figures {
            constraintsByNode = Map.copyOf(constraintsByNode);
        }
    }
}
