package io.zkml.workbench.export;

import java.util.List;

/**
 * A program's public outputs read back as a person reads them.
 *
 * @param aleo        the outputs exactly as snarkVM prints them
 * @param values      the integers (the class index alone, or every logit)
 * @param dequantized logits times 2^-fracBits; empty for a class output
 * @param classIndex  the predicted class (argmax of the logits for a logits output), null for regression
 */
public record DecodedOutput(List<String> aleo, long[] values, double[] dequantized, Integer classIndex,
                            String classLabel) {

    public DecodedOutput {
        aleo = List.copyOf(aleo);
    }
}
