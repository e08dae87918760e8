package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Holds the float interpreter to DL4J's per-layer activations, row by row. */
final class Dl4jComparison {

    static final double TOLERANCE = 1e-5;

    private Dl4jComparison() {
    }

    /**
     * @param expectedByNode DL4J activation [batch, ...] for each node name to check
     * @param channelsLast   whether DL4J's image activations are NHWC (Keras) rather than NCHW
     * @return the number of node comparisons made
     */
    static int assertMatches(ModelGraph graph, INDArray input, Map<String, INDArray> expectedByNode,
                             boolean channelsLast) {
        FloatInterpreter interp = new FloatInterpreter(graph);
        Map<String, Integer> index = graph.indexByName();
        int rows = (int) input.size(0);
        int checks = 0;
        for (int r = 0; r < rows; r++) {
            float[] row = rowOf(input, r, channelsLast);
            float[][] acts = interp.activations(row);
            for (Map.Entry<String, INDArray> e : expectedByNode.entrySet()) {
                Integer i = index.get(e.getKey());
                assertTrue(i != null, "no node named " + e.getKey() + " in " + graph.edges().keySet());
                float[] expected = rowOf(e.getValue(), r, channelsLast);
                float[] actual = acts[i];
                Node node = graph.nodes().get(i);
                assertEquals(expected.length, actual.length, "size of " + node.name());
                assertEquals(node.outputShape().size(), actual.length, "declared shape of " + node.name());
                for (int k = 0; k < expected.length; k++) {
                    // 1e-5 absolute, relative beyond magnitude 1: float32 itself cannot do better there.
                    double diff = Math.abs(expected[k] - actual[k]);
                    if (diff > TOLERANCE * Math.max(1.0, Math.abs(expected[k]))) {
                        throw new AssertionError("node " + node.name() + " (" + node.typeName() + ") row " + r
                                + " element " + k + ": DL4J " + expected[k] + " vs interpreter " + actual[k]);
                    }
                }
                checks++;
            }
        }
        return checks;
    }

    /** MLN feedForward list → node names: entry i+1 is layer i's output. */
    static Map<String, INDArray> byLayerName(List<INDArray> ff, List<String> layerNames) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(MultiLayerNetworkConverter.INPUT_NAME, ff.get(0));
        for (int i = 0; i < layerNames.size(); i++) {
            m.put(layerNames.get(i), ff.get(i + 1));
        }
        return m;
    }

    /** One example as a channels-first flat row. */
    static float[] rowOf(INDArray batch, int r, boolean channelsLast) {
        INDArray x = batch.get(NDArrayIndex.point(r)).dup('c');
        if (x.rank() == 3 && channelsLast) {
            x = x.permute(2, 0, 1).dup('c');
        }
        return org.nd4j.linalg.factory.Nd4j.toFlattened('c', x).toFloatVector();
    }
}
