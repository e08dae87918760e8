package io.zkml.workbench.importer;

/**
 * Identifies the layer or vertex an import problem is about, so messages can point at it.
 * {@code index} is the layer index in a MultiLayerNetwork, or -1 for ComputationGraph vertices
 * (which are addressed by name); for an ONNX node it is the node's index in the graph and
 * {@code className} its op type.
 *
 * @param noun what the source format calls it ("node" for ONNX); null for DL4J's layer/vertex wording
 */
public record LayerRef(int index, String name, String className, String noun) {

    public LayerRef(int index, String name, String className) {
        this(index, name, className, null);
    }

    public static LayerRef vertex(String name, String className) {
        return new LayerRef(-1, name, className);
    }

    /** An ONNX graph node: its index in {@code graph.node}, its name and its op type. */
    public static LayerRef onnxNode(int index, String name, String opType) {
        return new LayerRef(index, name, opType, "node");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (noun != null) {
            sb.append(noun).append(' ').append(index).append(' ');
        } else if (index >= 0) {
            sb.append("layer ").append(index).append(' ');
        } else {
            sb.append("vertex ");
        }
        sb.append('\'').append(name).append("' (").append(className).append(')');
        return sb.toString();
    }
}
