package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;
import java.io.PrintWriter;

/**
 * Where a command gets its snarkVM sidecar: its own, stopped when the command ends, or one the
 * caller shares across commands (tests, the UI) and closes itself.
 */
final class SidecarSource {

    private final SidecarClient shared;

    SidecarSource(SidecarClient shared) {
        this.shared = shared;
    }

    /** A client and whether closing the lease stops it. */
    final class Lease implements AutoCloseable {
        final SidecarClient client;

        private Lease(SidecarClient client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (client != shared) {
                client.close();
            }
        }
    }

    /** Sidecar progress goes to {@code err} (null: quiet). */
    Lease open(PrintWriter err) {
        if (shared != null) {
            return new Lease(shared);
        }
        return new Lease(new SidecarClient(SidecarConfig.fromEnvironment(), p -> {
            if (err != null && p.message() != null && !p.message().isBlank()) {
                err.println("  [" + p.stage() + "] " + p.message());
                err.flush();
            }
        }));
    }
}
