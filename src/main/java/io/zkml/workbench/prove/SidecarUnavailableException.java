package io.zkml.workbench.prove;

/** The sidecar cannot be started at all: Node.js or the sidecar's files are missing. */
public class SidecarUnavailableException extends SidecarException {

    public static final String UNAVAILABLE = "SIDECAR_UNAVAILABLE";

    public SidecarUnavailableException(String message) {
        super(UNAVAILABLE, message);
    }

    public SidecarUnavailableException(String message, Throwable cause) {
        super(UNAVAILABLE, message, cause);
    }
}
