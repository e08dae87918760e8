package io.zkml.workbench.codegen;

/**
 * The output channels {@code [from, to)} of one Conv2D layer that a chain segment computes, when the
 * chain is cut inside that layer ({@link ChainPoint#inside()}); the layer's outputs are channel-major,
 * so the run is the outputs {@code [from * perChannel, to * perChannel)}.
 */
public record ChannelRun(int from, int to, int perChannel) {

    public ChannelRun {
        if (from < 0 || to <= from || perChannel <= 0) {
            throw new IllegalArgumentException("a channel run is a non-empty [from, to), not [" + from + ", " + to + ")");
        }
    }

    public int firstOutput() {
        return from * perChannel;
    }

    public int endOutput() {
        return to * perChannel;
    }
}
