package io.zkml.workbench.codegen;

/**
 * A position a program chain can be cut at: before layer {@code layer} ({@code channel == 0}), or inside
 * that layer after its first {@code channel} output channels (a Conv2D layer whose text alone is over one
 * program's size: the segments before and after the cut each compute some of its channels). Ordered as
 * the chain runs: before layer i, then inside it after 1, 2, ... channels, then before layer i + 1.
 */
public record ChainPoint(int layer, int channel) implements Comparable<ChainPoint> {

    public ChainPoint {
        if (layer < 0 || channel < 0) {
            throw new IllegalArgumentException("a chain point is at a layer and channel >= 0, not " + layer + "/" + channel);
        }
    }

    /** Before layer {@code layer}: all of the layers before it are computed, none of it. */
    public static ChainPoint before(int layer) {
        return new ChainPoint(layer, 0);
    }

    /** Whether the point is inside its layer (some of its output channels computed), not before it. */
    public boolean inside() {
        return channel > 0;
    }

    /** One past the last layer a segment ending here computes (some of): the layer itself when inside it. */
    public int layersEnd() {
        return inside() ? layer + 1 : layer;
    }

    @Override
    public int compareTo(ChainPoint o) {
        return layer != o.layer ? Integer.compare(layer, o.layer) : Integer.compare(channel, o.channel);
    }

    @Override
    public String toString() {
        return inside() ? "layer " + layer + " after channel " + channel : "before layer " + layer;
    }
}
