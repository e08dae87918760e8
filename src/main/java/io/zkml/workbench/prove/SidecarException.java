package io.zkml.workbench.prove;

/**
 * A request to the snarkVM sidecar failed. The message is meant for a person; {@link #code()}
 * is the sidecar's machine-readable error code (for example {@code MISSING_PARAMETER},
 * {@code EXECUTION_FAILED}) or one of the client's own ({@code SIDECAR_STOPPED}, {@code CANCELLED}).
 */
public class SidecarException extends RuntimeException {

    public static final String STOPPED = "SIDECAR_STOPPED";
    public static final String CANCELLED = "CANCELLED";
    /** The sidecar gave no sign of life for the heartbeat timeout, or a request ran past its time limit. */
    public static final String TIMED_OUT = "SIDECAR_TIMEOUT";
    /** The sidecar's: an SRS parameter file snarkVM asked for is neither cached nor downloadable. */
    public static final String MISSING_PARAMETER = "MISSING_PARAMETER";

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

    /**
     * The prover was stopped rather than wrong: its process exited or was killed, timed out, or
     * the run was cancelled. Not a bug in the workbench; the CLI exits with its own code for it.
     */
    public boolean proverStopped() {
        return STOPPED.equals(code) || CANCELLED.equals(code) || TIMED_OUT.equals(code);
    }
}
