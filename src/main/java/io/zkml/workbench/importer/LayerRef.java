package io.zkml.workbench.importer;

/**
 * Identifies the layer or vertex an import problem is about, so messages can point at it.
 * {@code index} is the layer index in a MultiLayerNetwork, or -1 for ComputationGraph vertices
 * (which are addressed by name).
 */
public record LayerRef(int index, String name, String className) {

    public static LayerRef vertex(String name, String className) {
        return new LayerRef(-1, name, className);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (index >= 0) {
            sb.append("layer ").append(index).append(' ');
        } else {
            sb.append("vertex ");
        }
        sb.append('\'').append(name).append("' (").append(className).append(')');
        return sb.toString();
    }
}
