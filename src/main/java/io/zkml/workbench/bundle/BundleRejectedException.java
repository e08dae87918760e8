package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;

/**
 * A bundle that is refused before any proof check: either it cannot be read at all (not a zip, an
 * empty file, a format newer than this tool) or it can be read but breaks the bundle format or its
 * bounds (a zip bomb, a duplicate entry, a missing field, a type outside Aleo's grammar). The first
 * is a user error (exit 1); the second is a bundle that does not verify (exit 2).
 */
public final class BundleRejectedException extends WorkbenchException {

    private final boolean malformed;

    private BundleRejectedException(String message, boolean malformed) {
        super(message);
        this.malformed = malformed;
    }

    /** The file is not a bundle this tool can read. */
    public static BundleRejectedException unreadable(String message) {
        return new BundleRejectedException(message, false);
    }

    /** The file is a bundle, but a malformed one: it cannot verify. */
    public static BundleRejectedException malformed(String message) {
        return new BundleRejectedException(message, true);
    }

    public boolean malformed() {
        return malformed;
    }
}
