package io.zkml.workbench.prove;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the sidecar lives and what it works with.
 *
 * @param node         the Node.js executable (a name looked up on PATH, or a path)
 * @param sidecarDir   the folder holding {@code sidecar.mjs} and its {@code node_modules}
 * @param paramsDir    snarkVM's universal SRS parameter cache
 * @param keyCacheDir  where synthesized proving/verifying keys are kept between runs
 * @param threads      snarkVM's thread pool size ({@code ZKML_THREADS}); null: the sidecar's own
 *                     default (the environment's {@code ZKML_THREADS}, else every core)
 */
public record SidecarConfig(String node, Path sidecarDir, Path paramsDir, Path keyCacheDir, Integer threads) {

    public static final String SIDECAR_DIR_PROPERTY = "zkml.sidecarDir";
    public static final String PARAMS_DIR_PROPERTY = "zkml.paramsDir";
    public static final String KEY_CACHE_PROPERTY = "zkml.keyCacheDir";
    public static final String NODE_PROPERTY = "zkml.node";

    public SidecarConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(sidecarDir, "sidecarDir");
        Objects.requireNonNull(paramsDir, "paramsDir");
        Objects.requireNonNull(keyCacheDir, "keyCacheDir");
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public SidecarConfig(String node, Path sidecarDir, Path paramsDir, Path keyCacheDir) {
        this(node, sidecarDir, paramsDir, keyCacheDir, null);
    }

    /** Resolves every location from system properties, environment and defaults. */
    public static SidecarConfig fromEnvironment() {
        Path home = Path.of(System.getProperty("user.home"), ".zkml-workbench");
        return new SidecarConfig(
                firstSet(System.getProperty(NODE_PROPERTY), System.getenv("ZKML_NODE"), "node"),
                locateSidecarDir(),
                Path.of(firstSet(System.getProperty(PARAMS_DIR_PROPERTY), System.getenv("ZKML_PARAMS_DIR"),
                        home.resolve("params").toString())),
                Path.of(firstSet(System.getProperty(KEY_CACHE_PROPERTY), System.getenv("ZKML_KEY_CACHE"),
                        home.resolve("keys").toString())));
    }

    public SidecarConfig withKeyCacheDir(Path dir) {
        return new SidecarConfig(node, sidecarDir, paramsDir, dir, threads);
    }

    public SidecarConfig withParamsDir(Path dir) {
        return new SidecarConfig(node, sidecarDir, dir, keyCacheDir, threads);
    }

    /** The same sidecar with a fixed thread pool size, e.g. 1 to measure the pool's speed-up. */
    public SidecarConfig withThreads(int n) {
        return new SidecarConfig(node, sidecarDir, paramsDir, keyCacheDir, n);
    }

    /**
     * The system property wins; then {@code src/sidecar} below the working directory (running from
     * the source tree); then a {@code sidecar} folder next to the application jar (an installation).
     * When none holds {@code sidecar.mjs} the first candidate is returned, so the error names it.
     */
    static Path locateSidecarDir() {
        String configured = System.getProperty(SIDECAR_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("user.dir"), "src", "sidecar"));
        jarDirectory().ifPresent(dir -> candidates.add(dir.resolve("sidecar")));
        return candidates.stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("sidecar.mjs")))
                .findFirst()
                .orElse(candidates.get(0))
                .toAbsolutePath();
    }

    private static java.util.Optional<Path> jarDirectory() {
        try {
            var source = SidecarConfig.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return java.util.Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return java.util.Optional.ofNullable(location.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("no default given");
    }
}
