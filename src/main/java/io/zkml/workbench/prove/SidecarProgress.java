package io.zkml.workbench.prove;

/**
 * A progress message of a running request. {@code stage} is one of synthesis, proving, verifying, evaluating,
 * download; {@code fraction} is between 0 and 1, or null when the sidecar cannot tell.
 */
public record SidecarProgress(long requestId, String stage, String message, Double fraction) {
}
