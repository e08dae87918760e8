package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.ui.graph.NodeMetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the inspector shows of a node, as text rows in plain Java (tested without a window):
 * {@link InspectorPane} lays them out and adds the quantization controls.
 *
 * @param node        the node's name
 * @param title       its type ("Conv2D")
 * @param subtitle    name and source class, and for a selection of several their count and parameters
 * @param layer       the layer's configuration, label to value
 * @param shapes      inputs, output and consumers, label to value
 * @param parameters  one row per parameter tensor, W before b (empty: no learned parameters)
 * @param parameterTotal "6,810 parameters"
 * @param cost        constraints and share of the program (empty until the program is compiled)
 */
public record InspectorPresenter(String node, String title, String subtitle, Map<String, String> layer,
                                 Map<String, String> shapes, List<ParameterRow> parameters, String parameterTotal,
                                 Map<String, String> cost) {

    /** One parameter tensor: name, shape ("4×1×3×3"), and its values' minimum, maximum and mean. */
    public record ParameterRow(String name, String shape, String min, String max, String mean) {
    }

    public InspectorPresenter {
        layer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layer));
        shapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        parameters = List.copyOf(parameters);
        cost = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cost));
    }

    /** The primary node of a selection, with the selection's size when there are several. */
    public static InspectorPresenter of(ModelGraph graph, Collection<String> selected, String primary,
                                        Optional<NodeMetrics> metrics) {
        Node node = graph.node(primary);
        String subtitle = node.name() + "  ·  " + node.sourceClass().substring(node.sourceClass().lastIndexOf('.') + 1)
                + (selected.size() > 1 ? "\n" + selected.size() + " nodes selected, "
                + Format.count(selected.stream().mapToLong(n -> graph.node(n).parameterCount()).sum())
                + " parameters in total" : "");
        return new InspectorPresenter(node.name(), node.typeName(), subtitle, OpDescription.of(node.op()),
                shapes(graph, node), parameters(node), Format.count(node.parameterCount()) + " parameters", cost(metrics));
    }

    /** The cost section's text before there are figures. */
    public static final String NO_COST = "Constraint estimates appear here once a cost model is plugged in.";

    /** Figures for the same node: only the cost rows change. */
    public InspectorPresenter withCost(Optional<NodeMetrics> metrics) {
        return new InspectorPresenter(node, title, subtitle, layer, shapes, parameters, parameterTotal, cost(metrics));
    }

    static Map<String, String> cost(Optional<NodeMetrics> metrics) {
        java.util.OptionalLong c = metrics.map(NodeMetrics::constraints).orElse(java.util.OptionalLong.empty());
        Map<String, String> rows = new LinkedHashMap<>();
        if (c.isPresent()) {
            rows.put("Constraints", Format.count(c.getAsLong()));
            rows.put("Share of program", Format.percent(metrics.get().share()));
        }
        return rows;
    }

    private static Map<String, String> shapes(ModelGraph graph, Node node) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String in : node.inputs()) {
            rows.put("In: " + in, graph.node(in).outputShape().toString());
        }
        rows.put("Out", node.outputShape() + "  (" + Format.count(node.outputShape().size()) + " values)");
        String consumers = graph.consumers(node.name()).stream().map(Node::name).collect(Collectors.joining(", "));
        rows.put("Feeds", consumers.isEmpty() ? (graph.outputs().contains(node.name()) ? "model output" : "nothing") : consumers);
        return rows;
    }

    private static List<ParameterRow> parameters(Node node) {
        List<ParameterRow> rows = new ArrayList<>();
        // Sorted so W comes before b and gamma/beta/mean/std keep one order across nodes.
        for (Map.Entry<String, Tensor> e : new TreeMap<>(node.params()).entrySet()) {
            Tensor t = e.getValue();
            TensorStats s = TensorStats.of(t);
            rows.add(new ParameterRow(e.getKey(),
                    Arrays.stream(t.shape()).mapToObj(Integer::toString).collect(Collectors.joining("×")),
                    Format.value(s.min()), Format.value(s.max()), Format.value(s.mean())));
        }
        return rows;
    }
}
