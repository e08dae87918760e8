package io.zkml.workbench.prove;

/**
 * A request to the snarkVM sidecar failed. The message is meant for a person; {@link #code()}
 * is the sidecar's machine-readable error code (for example {@code MISSING_PARAMETER},
 * {@code EXECUTION_FAILED}) or one of the client's own ({@code SIDECAR_STOPPED}, {@code CANCELLED}).
 */
public class SidecarException extends RuntimeException {

    public static final String STOPPED = "SIDECAR_STOPPED";
    public static final String CANCELLED = "CANCELLED";

    private final String code;

    public SidecarException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SidecarException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
