package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import java.nio.file.Path;

/**
 * A finished proof whose bundle could not be written where asked (read-only folder, full disk).
 * The proof is not lost: {@link #keptAt()} holds the complete bundle, named in the message.
 */
public final class BundleNotWrittenException extends WorkbenchException {

    private final Path target;
    private final Path keptAt;

    BundleNotWrittenException(Path target, Path keptAt, String reason, Throwable cause) {
        super("the proof is done, but its bundle cannot be written to " + target + " (" + reason + "). "
                + (keptAt != null
                        ? "The bundle is kept in " + keptAt + ": copy it from there (it verifies like any other bundle)"
                        : "It could not be kept anywhere else either (no writable recovery folder); free some disk space and prove again"),
                cause);
        this.target = target;
        this.keptAt = keptAt;
    }

    public Path target() {
        return target;
    }

    /** Where the complete bundle was saved instead; null when no recovery folder was writable. */
    public Path keptAt() {
        return keptAt;
    }
}
