package io.zkml.workbench.ui;

import io.zkml.workbench.ui.graph.NodeMetrics;
import io.zkml.workbench.ui.graph.NodeMetricsProvider;

import io.zkml.workbench.ui.dashboard.ProgramCost;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.project.ActivationRange;
import io.zkml.workbench.quant.LayerError;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantSpec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything one background evaluation of a spec produced, and (once the code generator has
 * compiled the same spec) the cost of that program; immutable, handed to the FX thread.
 */
public record EvaluationSnapshot(QuantSpec spec, QuantEvaluation evaluation, Map<String, ActivationRange> ranges,
                                 Optional<ProgramCost> cost) implements NodeMetricsProvider {

    public EvaluationSnapshot {
        ranges = Map.copyOf(ranges);
    }

    /** These figures with the cost of the program compiled from the same spec. */
    EvaluationSnapshot withCost(ProgramCost c) {
        return new EvaluationSnapshot(spec, evaluation, ranges, Optional.of(c));
    }

    /** Nodes folded away (BatchNorm) or not simulated have no figures. */
    public Optional<LayerError> error(String node) {
        return evaluation.layers().stream().filter(l -> l.layer().equals(node)).findFirst();
    }

    public Optional<ActivationRange> range(String node) {
        return Optional.ofNullable(ranges.get(node));
    }

    @Override
    public Optional<NodeMetrics> metrics(ModelGraph graph, Node node) {
        OptionalDouble err = error(node.name()).map(e -> OptionalDouble.of(e.maxAbsError())).orElse(OptionalDouble.empty());
        OptionalLong constraints = cost.map(c -> constraints(c, node)).orElse(OptionalLong.empty());
        if (err.isEmpty() && constraints.isEmpty()) {
            return Optional.empty();
        }
        double share = constraints.isPresent() && cost.get().totalConstraints() > 0
                ? Math.min(1, (double) constraints.getAsLong() / cost.get().totalConstraints()) : 0;
        int transition = cost.map(c -> c.transitionByNode().getOrDefault(node.name(), 0)).orElse(0);
        int last = cost.map(c -> c.lastTransitionByNode().getOrDefault(node.name(), 0)).orElse(0);
        return Optional.of(new NodeMetrics(constraints, share, err, transition, Math.max(transition, last)));
    }

    /** The node's layer cost; the input node also carries receiving the model's inputs (the chart's "inputs" bar). */
    private static OptionalLong constraints(ProgramCost c, Node node) {
        Long layer = c.constraintsByNode().get(node.name());
        long inputs = node.op() instanceof LayerOp.Input ? c.inputs() : 0;
        return layer == null && inputs == 0 ? OptionalLong.empty()
                : OptionalLong.of((layer == null ? 0 : layer) + inputs);
    }
}
