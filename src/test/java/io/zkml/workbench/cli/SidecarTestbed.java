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

    private SidecarTestbed(Path tmp, SidecarClient client) {
        this.tmp = tmp;
        this.client = client;
    }

    static SidecarTestbed start(String prefix, SidecarClient shared) throws Exception {
        return new SidecarTestbed(Files.createTempDirectory(prefix), shared);
    }

    Path keys() {
        return client.config().keyCacheDir();
    }

    /** Deletes the temp folder; the shared sidecar stays up for the next class. */
    @Override
    public void close() throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
