package io.zkml.workbench.quant;

/**
 * Float activations the integer program is compared with: per node of the prepared (folded) graph,
 * flat {@code [sample * size + i]}, softmax nodes as logits (the integer program computes logits).
 * Arrays are shared, not copied: treat them as read-only.
 *
 * @param predictions the reference model's own predicted class per sample (argmax of its softmax
 *                    output), or null to take the argmax of the output node's logits
 */
public record ReferenceActivations(float[][] byNode, int[] predictions, ReferenceSource source) {

    public float[] node(int index) {
        return byNode[index];
    }
}
