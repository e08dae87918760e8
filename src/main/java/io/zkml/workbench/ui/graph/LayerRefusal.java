package io.zkml.workbench.ui.graph;

import io.zkml.workbench.quant.UnrepresentableRangeException;

import java.util.Optional;

/**
 * The compiler's refusal of a spec whose value range one layer cannot hold (issue #17): shown on that
 * layer's node and in its inspector, not only as the Code tab's error. The text is the compiler's own.
 *
 * @param layer   the model layer (a graph node's name)
 * @param message what does not fit and the spec change that fixes it
 */
public record LayerRefusal(String layer, String message) {

    /** The refusal behind a failed compilation, if that was why it failed. */
    public static Optional<LayerRefusal> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnrepresentableRangeException u) {
                return Optional.of(new LayerRefusal(u.layer(), u.getMessage()));
            }
        }
        return Optional.empty();
    }

    public boolean isFor(String node) {
        return layer.equals(node);
    }
}
