package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;

import java.util.Optional;

/**
 * Where node cards get their badge and heat-map figures. The cost model and the quantizer will
 * supply real ones; until then {@link #NONE} keeps every badge at "—".
 */
@FunctionalInterface
public interface NodeMetricsProvider {

    public NodeMetricsProvider NONE = (graph, node) -> Optional.empty();

    public Optional<NodeMetrics> metrics(ModelGraph graph, Node node);
}
