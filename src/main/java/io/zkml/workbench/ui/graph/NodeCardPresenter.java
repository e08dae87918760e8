package io.zkml.workbench.ui.graph;

import io.zkml.workbench.ui.format.Format;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a node's card shows of its figures — the cost and error badges with their tooltips and the
 * chain's transition badge — worked out in plain Java, so it is tested without a window; {@link NodeCard}
 * only puts the texts on its labels.
 *
 * @param constraints     the cost badge ("397k", or "—" before the program is compiled)
 * @param constraintsTip  the cost badge's tooltip
 * @param error           the error badge ("0.003", or "—" before it is measured)
 * @param errorTip        the error badge's tooltip
 * @param transition      the first transition the node is lowered in (0: one program, no badge)
 * @param transitionText  the transition badge ("T2", "T1–2" for a layer cut between its channels, "" for none)
 * @param transitionTip   the transition badge's tooltip ("" for none)
 */
public record NodeCardPresenter(String constraints, String constraintsTip, String error, String errorTip,
                                int transition, String transitionText, String transitionTip) {

    public static NodeCardPresenter of(String node, Optional<NodeMetrics> metrics) {
        OptionalLong c = metrics.map(NodeMetrics::constraints).orElse(OptionalLong.empty());
        OptionalDouble e = metrics.map(NodeMetrics::error).orElse(OptionalDouble.empty());
        double share = metrics.map(NodeMetrics::share).orElse(0.0);
        int t = metrics.map(NodeMetrics::transition).orElse(0);
        int last = Math.max(t, metrics.map(NodeMetrics::lastTransition).orElse(0));
        boolean split = last > t;
        return new NodeCardPresenter(
                c.isPresent() ? Format.compact(c.getAsLong()) : Format.NO_DATA,
                c.isPresent() ? Format.count(c.getAsLong()) + " constraints (" + Format.percent(share) + " of the program)"
                        : "Constraints: not estimated yet",
                e.isPresent() ? Format.value(e.getAsDouble()) : Format.NO_DATA,
                e.isPresent() ? "Max quantization error " + Format.value(e.getAsDouble())
                        + " (largest difference from the float model over the dataset)" : "Quantization error: not measured yet",
                Math.max(0, t),
                t <= 0 ? "" : split ? "T" + t + "–" + last : "T" + t,
                t <= 0 ? "" : split
                        ? node + " is cut between its output channels: transitions " + t + " to " + last
                        + " of the program chain each compute some of them (the legend under the graph names their programs)"
                        : node + " is lowered in transition " + t
                        + " of the program chain (the legend under the graph names its program)");
    }
}
