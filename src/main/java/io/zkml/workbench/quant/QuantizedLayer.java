package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Shape;

import java.util.List;

/**
 * One node of the quantized program: what the code generator emits for it, as data.
 *
 * @param name       the graph node's name
 * @param inputs     indices (into {@link QuantizedGraph#layers()}) of the layers it reads
 * @param shape      output shape; {@code shape.size()} integers per sample
 * @param producer   computes the layer's raw integers from its inputs
 * @param steps      element-wise steps applied in order
 * @param fracBits   scale of the output: value = integer / 2^fracBits
 * @param bits       every output fits signed {@code bits} bits (guaranteed by a clamp or by construction)
 * @param accBound   static bound on |any partial sum| of the producer, from the weights and the input
 *                   width; the generator picks its cast width from it
 * @param argmax     output the index of the largest value (ties: lowest index) instead of the values
 */
public record QuantizedLayer(String name, int[] inputs, Shape shape, Producer producer, List<Step> steps,
                             int fracBits, int bits, double accBound, boolean argmax) {

    public QuantizedLayer {
        inputs = inputs.clone();
        steps = List.copyOf(steps);
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    public int input(int k) {
        return inputs[k];
    }

    public int inputCount() {
        return inputs.length;
    }

    public int size() {
        return shape.size();
    }

    /** Same integer computation (deep comparison of all parameters). */
    public boolean sameComputation(QuantizedLayer o) {
        return RecordEquality.deepEquals(this, o);
    }
}
