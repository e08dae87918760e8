package io.zkml.workbench.importer;

import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of one graph under construction, plus the one piece of layout bookkeeping the graph
 * model itself does not carry: flat activations whose element order differs from DL4J's.
 *
 * <p>The graph model is channels-first throughout. A channels-last (NHWC, Keras/TensorFlow)
 * flatten produces its values in h-w-c order in DL4J, whereas our Flatten node emits c-h-w. Rather
 * than add a second flatten semantics every downstream consumer (quantiser, code generator) would
 * have to honour, we keep the Flatten channels-first and permute the rows of the Dense weight that
 * reads it, which gives exactly DL4J's pre-activations. {@link #order(String)} holds, for such a
 * node, {@code dl4jIndex[graphIndex]}; element-wise nodes pass it on.
 */
final class GraphAssembly {

    private final Path file;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new HashMap<>();
    private final Map<String, int[]> flatOrder = new HashMap<>();

    GraphAssembly(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void add(Node node, LayerRef ref) throws ModelImportException {
        if (byName.containsKey(node.name())) {
            throw new ModelImportException(file, ref, "two nodes would be named '" + node.name()
                    + "'; give the layers unique names");
        }
        nodes.add(node);
        byName.put(node.name(), node);
    }

    /** Replaces the node of the same name (a later layer changed what it is at inference). */
    void replace(Node node) {
        Node old = node(node.name());
        nodes.set(nodes.indexOf(old), node);
        byName.put(node.name(), node);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalStateException("node " + name + " not converted yet");
        }
        return n;
    }

    Shape shape(String name) {
        return node(name).outputShape();
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** DL4J's flat index for each of this node's flat graph indices, or null when they agree. */
    int[] order(String name) {
        return flatOrder.get(name);
    }

    void setOrder(String name, int[] dl4jIndexOfGraphIndex) {
        if (dl4jIndexOfGraphIndex != null) {
            flatOrder.put(name, dl4jIndexOfGraphIndex);
        }
    }
}
