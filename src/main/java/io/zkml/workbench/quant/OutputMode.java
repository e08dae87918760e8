package io.zkml.workbench.quant;

/**
 * What a softmax output exposes. Softmax itself is never computed in the circuit (exp is not
 * cheap and argmax is invariant to it): ARGMAX outputs the index of the largest logit (ties go
 * to the lowest index), LOGITS outputs the requantized logits.
 */
public enum OutputMode {
    ARGMAX, LOGITS
}
