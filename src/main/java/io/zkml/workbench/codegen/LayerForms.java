package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.QuantizedLayer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted sums of each layer ({@link LinearForm#of}), built once and shared by every candidate segment
 * one partition search lowers: each candidate holding fashion-cnn's convolution built its 2,704 forms and
 * 24,000 terms again (a tenth of what a search allocated). By the layer object, so a layer that changed is
 * never given another's forms; the forms are immutable, and the maps thread-safe for the search's threads.
 */
public final class LayerForms {

    private final Map<QuantizedLayer, List<LinearForm>> constant = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<QuantizedLayer, List<LinearForm>> keepingZeros = Collections.synchronizedMap(new IdentityHashMap<>());

    /** {@link LinearForm#of(QuantizedLayer, boolean)}, built the first time it is asked for (null is not kept). */
    List<LinearForm> of(QuantizedLayer layer, boolean keepZeros) {
        return (keepZeros ? keepingZeros : constant).computeIfAbsent(layer, l -> LinearForm.of(l, keepZeros));
    }
}
