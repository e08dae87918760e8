package io.zkml.workbench.prove;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Whether a proof verifies, and why not when it does not. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyResult(boolean valid, String reason) {
}
