package io.zkml.workbench.circuit;

import io.zkml.workbench.quant.Domain;

import java.util.Map;

/**
 * For one linear layer: the predicted whole-program circuit with the layer in each arithmetic
 * domain that its static accumulator bound fits, and the cheapest of them (by constraints).
 */
public record DomainChoice(String layer, Domain current, Map<Domain, CircuitInfo> totals, Domain cheapest) {

    public DomainChoice {
        totals = Map.copyOf(totals);
    }
}
