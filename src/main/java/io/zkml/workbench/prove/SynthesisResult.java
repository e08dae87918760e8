package io.zkml.workbench.prove;

/** Keys of a function: the verifying key (Aleo text form) and its circuit; the proving key stays in the key cache. */
public record SynthesisResult(CircuitInfo circuit, String verifyingKey, boolean keysFromCache, long synthesisMs) {
}
