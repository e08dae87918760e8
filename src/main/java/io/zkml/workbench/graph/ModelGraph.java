package io.zkml.workbench.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable model graph for every source format. Nodes are stored in topological order
 * (every node after the nodes it reads), so evaluators walk the list once.
 *
 * @param name       model name (file name without extension)
 * @param sourceKind where the graph came from
 * @param nodes      nodes in topological order
 * @param outputs    names of the output nodes
 * @param normalizer input normalisation stored with the model, if any
 */
public record ModelGraph(String name, SourceKind sourceKind, List<Node> nodes, List<String> outputs,
                         Optional<InputNormalizer> normalizer) {

    public enum SourceKind { DL4J_MULTILAYER, DL4J_COMPUTATION_GRAPH, KERAS_SEQUENTIAL, KERAS_FUNCTIONAL, ONNX, BUILT }

    public ModelGraph {
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        validate(nodes, outputs);
    }

    private static void validate(List<Node> nodes, List<String> outputs) {
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!seen.contains(in)) {
                    throw new IllegalArgumentException("node " + n.name() + " reads " + in
                            + ", which is not defined before it");
                }
            }
            if (!seen.add(n.name())) {
                throw new IllegalArgumentException("duplicate node name " + n.name());
            }
        }
        for (String o : outputs) {
            if (!seen.contains(o)) {
                throw new IllegalArgumentException("output " + o + " is not a node");
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one output");
        }
    }

    public Node node(String nodeName) {
        for (Node n : nodes) {
            if (n.name().equals(nodeName)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node named " + nodeName);
    }

    public int indexOf(String nodeName) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(nodeName)) {
                return i;
            }
        }
        return -1;
    }

    public List<Node> inputNodes() {
        return nodes.stream().filter(n -> n.op() instanceof LayerOp.Input).toList();
    }

    /** The single input's shape; most of the product supports one input. */
    public Shape inputShape() {
        List<Node> ins = inputNodes();
        if (ins.size() != 1) {
            throw new IllegalStateException("model " + name + " has " + ins.size() + " inputs; one is supported");
        }
        return ins.get(0).outputShape();
    }

    public Node outputNode() {
        return node(outputs.get(0));
    }

    /** Nodes that read the given node. */
    public List<Node> consumers(String nodeName) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(nodeName)) {
                out.add(n);
            }
        }
        return out;
    }

    public long parameterCount() {
        return nodes.stream().mapToLong(Node::parameterCount).sum();
    }

    /** A copy of this graph with some nodes replaced by name (e.g. after folding or editing). */
    public ModelGraph withNodes(List<Node> newNodes, List<String> newOutputs) {
        return new ModelGraph(name, sourceKind, newNodes, newOutputs, normalizer);
    }

    /** Input node names per node, for layout and traversal. */
    public Map<String, List<String>> edges() {
        Map<String, List<String>> e = new LinkedHashMap<>();
        for (Node n : nodes) {
            e.put(n.name(), n.inputs());
        }
        return e;
    }

    /** Index of each node name, for array-based evaluators. */
    public Map<String, Integer> indexByName() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            m.put(nodes.get(i).name(), i);
        }
        return m;
    }
}
