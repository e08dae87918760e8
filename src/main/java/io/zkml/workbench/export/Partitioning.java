package io.zkml.workbench.export;

import java.util.List;

/**
 * How the compiler may split a model across a chain of programs (issue #13), part of
 * {@link CompileSettings}: with neither field set the model is one program, exactly as before.
 *
 * @param maxSrsLog2 the largest SRS degree (log2) any one transition may need, or null for no cap; with a
 *                   cap the compiler chooses the cuts that fit it at the least total constraints
 * @param splitAfter layer names after which the chain is always cut (the user moving or forcing a
 *                   boundary); kept in this order
 * @param channelCuts cuts always made inside a Conv2D layer, between its output channels (a layer whose
 *                   text is over one program's size on its own); kept in this order
 */
public record Partitioning(Integer maxSrsLog2, List<String> splitAfter, List<ChannelCut> channelCuts) {

    public static final Partitioning NONE = new Partitioning(null, List.of());

    public Partitioning(Integer maxSrsLog2, List<String> splitAfter) {
        this(maxSrsLog2, splitAfter, List.of());
    }

    public Partitioning {
        splitAfter = splitAfter == null ? List.of() : List.copyOf(splitAfter);
        channelCuts = channelCuts == null ? List.of() : List.copyOf(channelCuts);
        if (maxSrsLog2 != null && (maxSrsLog2 < 1 || maxSrsLog2 > 28)) {
            throw new IllegalArgumentException("a maximum SRS degree is 2^1 to 2^28, not 2^" + maxSrsLog2);
        }
    }

    /** Whether anything may split the model (otherwise the single-program path runs unchanged). */
    public boolean splits() {
        return maxSrsLog2 != null || !splitAfter.isEmpty() || !channelCuts.isEmpty();
    }
}
