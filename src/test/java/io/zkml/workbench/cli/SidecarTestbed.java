package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real snarkVM sidecar for end-to-end CLI tests: the offline SRS parameters, and a fresh temp
 * folder holding the test's files and its own key cache (so the first proof really synthesizes).
 */
final class SidecarTestbed implements AutoCloseable {

    final Path tmp;
    final SidecarClient client;

    private SidecarTestbed(Path tmp, SidecarClient client) {
        this.tmp = tmp;
        this.client = client;
    }

    static SidecarTestbed start(String prefix) throws Exception {
        Path params = Path.of(System.getProperty(SidecarConfig.PARAMS_DIR_PROPERTY, "../shared/aleo-params"));
        assumeTrue(Files.isRegularFile(params.resolve("powers-of-beta-16.usrs")), "no SRS parameters at " + params);
        Path tmp = Files.createTempDirectory(prefix);
        SidecarConfig config = SidecarConfig.fromEnvironment().withParamsDir(params).withKeyCacheDir(tmp.resolve("keys"));
        assumeTrue(Files.isRegularFile(config.sidecarDir().resolve("node_modules/@provablehq/sdk/package.json")),
                "sidecar packages not installed");
        return new SidecarTestbed(tmp, new SidecarClient(config, p -> { }));
    }

    Path keys() {
        return tmp.resolve("keys");
    }

    @Override
    public void close() throws Exception {
        client.close();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
