package io.zkml.workbench.export;

/**
 * A cut inside a Conv2D layer of a program chain: the segment before it computes the layer's first
 * {@code channels} output channels, the segment after it the rest (codegen.ChainPoint#inside). How a user
 * forces such a cut ({@link Partitioning#channelCuts()}) and how a chain records it ({@link RecordedCuts}).
 */
public record ChannelCut(String layer, int channels) {

    @Override
    public String toString() {
        return layer + ":" + channels;
    }
}
