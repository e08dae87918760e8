package io.zkml.workbench.prove;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Whether a proof verifies, and why not when it does not.
 *
 * @param verifyingKeyCheckedAgainstProgram true when the sidecar's key cache held keys for this
 *        program and the verifying key was checked to be exactly those. snarkVM itself does not
 *        tie a verifying key to the program text, so when this is false the caller must obtain the
 *        verifying key from a trusted source (or {@code synthesize} the program first).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyResult(boolean valid, String reason, boolean verifyingKeyCheckedAgainstProgram) {
}
