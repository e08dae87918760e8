package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph cut into the blocks its zoomed-out overview draws: a chain that repeats the same layer
 * types ({@code Dense · ReLU}, {@code Dense · ReLU}, …) is one block "×N" instead of N unreadable
 * specks, and every other node is a block of its own. Plain computation on the immutable graph.
 */
public final class GraphRuns {

    /** Longest repeated pattern looked for: a residual-free block of a few layers. */
    public static final int MAX_PERIOD = 4;

    /**
     * One drawn block.
     *
     * @param nodes   the nodes it covers, in graph order
     * @param pattern the layer types of one repetition (one entry for a single node)
     * @param repeats how many times the pattern repeats (1 for a single node)
     */
    public record Run(List<String> nodes, List<String> pattern, int repeats) {
        public Run {
            nodes = List.copyOf(nodes);
            pattern = List.copyOf(pattern);
        }

        public boolean collapsed() {
            return repeats > 1;
        }

        /** "Dense · Activation ×500", or the single node's type. */
        public String label() {
            String p = String.join(" · ", pattern);
            return repeats > 1 ? p + " ×" + repeats : p;
        }
    }

    private GraphRuns() {
    }

    public static List<Run> of(ModelGraph graph) {
        List<Node> nodes = graph.nodes();
        Map<String, Integer> consumers = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        // linked[i]: node i+1 reads only node i, and node i feeds only node i+1 (a plain chain link).
        boolean[] linked = new boolean[Math.max(0, nodes.size() - 1)];
        for (int i = 0; i + 1 < nodes.size(); i++) {
            Node next = nodes.get(i + 1);
            linked[i] = next.inputs().size() == 1 && next.inputs().get(0).equals(nodes.get(i).name())
                    && consumers.getOrDefault(nodes.get(i).name(), 0) == 1;
        }
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < nodes.size()) {
            int bestPeriod = 1;
            int bestRepeats = 1;
            for (int p = 1; p <= MAX_PERIOD; p++) {
                int r = repeats(nodes, linked, i, p);
                if (r > 1 && r * p > bestRepeats * bestPeriod) {
                    bestPeriod = p;
                    bestRepeats = r;
                }
            }
            int end = i + bestPeriod * bestRepeats;
            List<String> names = nodes.subList(i, end).stream().map(Node::name).toList();
            List<String> pattern = nodes.subList(i, i + bestPeriod).stream().map(GraphRuns::typeOf).toList();
            runs.add(new Run(names, pattern, bestRepeats));
            i = end;
        }
        return runs;
    }

    /** How many times nodes [start, start + period) repeat from start along one unbroken chain. */
    private static int repeats(List<Node> nodes, boolean[] linked, int start, int period) {
        int count = 0;
        for (int k = start; k + period <= nodes.size(); k += period) {
            for (int j = k; j < k + period; j++) {
                if (!typeOf(nodes.get(j)).equals(typeOf(nodes.get(start + (j - k))))) {
                    return count;
                }
                // Every node of the block but the very last must link to the next one.
                if (j > start && !linked[j - 1]) {
                    return count;
                }
            }
            count++;
        }
        return count;
    }

    private static String typeOf(Node n) {
        return n.typeName() + (n.op().activation().isIdentity() ? "" : " " + n.op().activation());
    }
}
