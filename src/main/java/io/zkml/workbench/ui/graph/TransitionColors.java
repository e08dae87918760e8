package io.zkml.workbench.ui.graph;

/**
 * The one colour rule for a program chain's transitions, so a node's "T2" badge, the legend under
 * the graph and the transitions table agree: style class {@code transition-k}, cycling through the
 * palette the stylesheet defines (more transitions than colours repeat them; the label tells them apart).
 */
public final class TransitionColors {

    /** Colours the stylesheet defines ({@code .transition-0} to {@code .transition-5}). */
    public static final int PALETTE = 6;

    private TransitionColors() {
    }

    /** The style class of 1-based transition {@code t}. */
    public static String styleClass(int t) {
        return "transition-" + Math.floorMod(t - 1, PALETTE);
    }
}
