package io.zkml.workbench.ui;

/**
 * The one colour rule for a program chain's transitions, so a node's "T2" badge, the legend under
 * the graph and the transitions table agree: style class {@code transition-k}, cycling through the
 * palette the stylesheet defines (more transitions than colours repeat them; the label tells them apart).
 */
final class TransitionColors {

    /** Colours the stylesheet defines ({@code .transition-0} to {@code .transition-5}). */
    static final int PALETTE = 6;

    private TransitionColors() {
    }

    /** The style class of 1-based transition {@code t}. */
    static String styleClass(int t) {
        return "transition-" + Math.floorMod(t - 1, PALETTE);
    }
}
