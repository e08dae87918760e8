package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real snarkVM sidecar for end-to-end CLI tests: the run's shared sidecar and key cache
 * ({@link io.zkml.workbench.testing.SharedSidecar}), and a fresh temp folder for the test's files.
 * The key cache outlives the class, so whether a proof synthesizes depends on what ran before;
 * tests that care ask {@link #keys()} first.
 */
final class SidecarTestbed implements AutoCloseable {

    final Path tmp;
    final SidecarClient client;
    private final boolean ownsClient;

    private SidecarTestbed(Path tmp, SidecarClient client, boolean ownsClient) {
        this.tmp = tmp;
        this.client = client;
        this.ownsClient = ownsClient;
    }

    static SidecarTestbed start(String prefix, SidecarClient shared) throws Exception {
        return new SidecarTestbed(Files.createTempDirectory(prefix), shared, false);
    }

    /**
     * A sidecar process of the test's own (stopped with the testbed), for tests that watch the
     * process or the key cache: configured as the run's shared one, but with a key cache of its
     * own in the temp folder when {@code ownKeys}.
     */
    static SidecarTestbed own(String prefix, SidecarClient shared, boolean ownKeys) throws Exception {
        Path tmp = Files.createTempDirectory(prefix);
        var config = ownKeys ? shared.config().withKeyCacheDir(tmp.resolve("keys")) : shared.config();
        // A sibling of the shared client: its own process, still counted in the run's account.
        return new SidecarTestbed(tmp, shared.sibling(config, p -> { }), true);
    }

    Path keys() {
        return client.config().keyCacheDir();
    }

    /** Deletes the temp folder; the shared sidecar stays up for the next class, an own one is stopped. */
    @Override
    public void close() throws Exception {
        if (ownsClient) {
            client.close();
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
