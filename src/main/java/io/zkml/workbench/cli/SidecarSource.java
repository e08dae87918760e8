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
        private final CliProgress.SidecarBars bars;

        private Lease(SidecarClient client, CliProgress.SidecarBars bars) {
            this.client = client;
            this.bars = bars;
        }

        CliProgress.SidecarBars bars() {
            return bars;
        }

        @Override
        public void close() {
            bars.close();
            if (client != shared) {
                client.close();
            }
        }
    }

    /** Sidecar progress as bars on a terminal, otherwise as lines on {@code err} (null: quiet). */
    Lease open(CliProgress progress, PrintWriter err) {
        return open(progress, err, SidecarConfig.fromEnvironment());
    }

    Lease open(CliProgress progress, PrintWriter err, SidecarConfig config) {
        CliProgress.SidecarBars bars = progress.sidecar(err);
        if (shared != null) {
            return new Lease(shared, bars);
        }
        return new Lease(new SidecarClient(config, bars), bars);
    }
}
