package io.zkml.workbench.prove;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;

/**
 * Where the sidecar lives and what it works with.
 *
 * @param node             the Node.js executable (a name looked up on PATH, or a path)
 * @param sidecarDir       the folder holding {@code sidecar.mjs} and its {@code node_modules}
 * @param paramsDir        snarkVM's universal SRS parameter cache
 * @param keyCacheDir      where synthesized proving/verifying keys are kept between runs
 * @param threads          snarkVM's thread pool size ({@code ZKML_THREADS}); null: the sidecar's own
 *                         default (the environment's {@code ZKML_THREADS}, else every core)
 * @param heartbeatTimeout how long the sidecar may give no sign of life (its heartbeat, every
 *                         {@link #heartbeatInterval()}) before it is taken for stopped or hung and killed
 * @param keyCacheMaxBytes the key cache's size limit; least recently used entries go beyond it
 */
public record SidecarConfig(String node, Path sidecarDir, Path paramsDir, Path keyCacheDir, Integer threads,
                            Duration heartbeatTimeout, long keyCacheMaxBytes) {

    public static final String SIDECAR_DIR_PROPERTY = "zkml.sidecarDir";
    public static final String PARAMS_DIR_PROPERTY = "zkml.paramsDir";
    public static final String KEY_CACHE_PROPERTY = "zkml.keyCacheDir";
    public static final String NODE_PROPERTY = "zkml.node";
    /** Seconds without a heartbeat before the sidecar is killed (env {@code ZKML_SIDECAR_HEARTBEAT_TIMEOUT}). */
    public static final String HEARTBEAT_TIMEOUT_PROPERTY = "zkml.sidecarHeartbeatTimeout";
    /** Key cache limit in MiB (env {@code ZKML_KEY_CACHE_MAX_MB}). */
    public static final String KEY_CACHE_MAX_PROPERTY = "zkml.keyCacheMaxMb";
    /**
     * Generous: a loaded 2-core machine delays a timer by seconds, never by minutes, and the
     * heartbeat runs on its own thread so snarkVM's work does not hold it up.
     */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(120);
    /** 4 GiB: about 150 entries of SRS-2^16 programs (their proving keys are about 27 MB), fewer of larger ones. */
    public static final long DEFAULT_KEY_CACHE_MAX_MB = 4096;

    public SidecarConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(sidecarDir, "sidecarDir");
        Objects.requireNonNull(paramsDir, "paramsDir");
        Objects.requireNonNull(keyCacheDir, "keyCacheDir");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (heartbeatTimeout.toMillis() < 500) {
            throw new IllegalArgumentException("the heartbeat timeout must be at least 0.5 s, got " + heartbeatTimeout);
        }
        if (keyCacheMaxBytes < 0) {
            throw new IllegalArgumentException("the key cache limit must not be negative, got " + keyCacheMaxBytes);
        }
    }

    public SidecarConfig(String node, Path sidecarDir, Path paramsDir, Path keyCacheDir, Integer threads) {
        this(node, sidecarDir, paramsDir, keyCacheDir, threads, DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_KEY_CACHE_MAX_MB << 20);
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
                        home.resolve("keys").toString())),
                null,
                Duration.ofMillis((long) (1000 * positiveNumber(HEARTBEAT_TIMEOUT_PROPERTY, "ZKML_SIDECAR_HEARTBEAT_TIMEOUT",
                        DEFAULT_HEARTBEAT_TIMEOUT.toSeconds()))),
                (long) (positiveNumber(KEY_CACHE_MAX_PROPERTY, "ZKML_KEY_CACHE_MAX_MB", DEFAULT_KEY_CACHE_MAX_MB) * (1 << 20)));
    }

    /** The heartbeat period: a tenth of the timeout, so a few missed beats are never mistaken for a hang. */
    public Duration heartbeatInterval() {
        return heartbeatTimeout.dividedBy(10);
    }

    public SidecarConfig withHeartbeatTimeout(Duration timeout) {
        return new SidecarConfig(node, sidecarDir, paramsDir, keyCacheDir, threads, timeout, keyCacheMaxBytes);
    }

    public SidecarConfig withKeyCacheMaxBytes(long bytes) {
        return new SidecarConfig(node, sidecarDir, paramsDir, keyCacheDir, threads, heartbeatTimeout, bytes);
    }

    public SidecarConfig withSidecarDir(Path dir) {
        return new SidecarConfig(node, dir, paramsDir, keyCacheDir, threads, heartbeatTimeout, keyCacheMaxBytes);
    }

    public SidecarConfig withKeyCacheDir(Path dir) {
        return new SidecarConfig(node, sidecarDir, paramsDir, dir, threads, heartbeatTimeout, keyCacheMaxBytes);
    }

    public SidecarConfig withParamsDir(Path dir) {
        return new SidecarConfig(node, sidecarDir, dir, keyCacheDir, threads, heartbeatTimeout, keyCacheMaxBytes);
    }

    /** The same sidecar with a fixed thread pool size, e.g. 1 to measure the pool's speed-up. */
    public SidecarConfig withThreads(int n) {
        return new SidecarConfig(node, sidecarDir, paramsDir, keyCacheDir, n, heartbeatTimeout, keyCacheMaxBytes);
    }

    /**
     * The sidecar of this installation, never one from the working directory (a folder a user
     * happens to run in may hold a planted {@code src/sidecar}). Decided by where this class was
     * loaded from: the system property wins (the installer's launcher sets it to the app image's
     * sidecar); then a {@code sidecar} folder next to the application jar (an installation, the app
     * image); then, when the classes or jar are the build's own output ({@code target/classes} or
     * {@code target/*.jar}), that build tree's {@code src/sidecar}. When none holds
     * {@code sidecar.mjs} the first candidate is returned, so the error names it.
     */
    static Path locateSidecarDir() {
        String configured = System.getProperty(SIDECAR_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return codeLocation().map(SidecarConfig::sidecarBeside).orElse(Path.of("sidecar").toAbsolutePath());
    }

    /** The sidecar that belongs to code loaded from {@code location} (a jar file or a classes folder). */
    static Path sidecarBeside(Path location) {
        Path dir = Files.isDirectory(location) ? location : location.getParent();
        List<Path> candidates = new ArrayList<>();
        if (!Files.isDirectory(location)) {
            candidates.add(dir.resolve("sidecar"));
        }
        // target/classes or target/zkml-workbench.jar: running from the build tree.
        Path target = Files.isDirectory(location) ? dir.getParent() : dir;
        if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                && target.getParent() != null) {
            candidates.add(target.getParent().resolve("src").resolve("sidecar"));
        }
        if (candidates.isEmpty()) {
            candidates.add(dir.resolve("sidecar"));
        }
        return candidates.stream()
                .filter(c -> Files.isRegularFile(c.resolve("sidecar.mjs")))
                .findFirst()
                .orElse(candidates.get(0))
                .toAbsolutePath()
                .normalize();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = SidecarConfig.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static double positiveNumber(String property, String env, double fallback) {
        String text = System.getProperty(property);
        String from = "system property " + property;
        if (text == null || text.isBlank()) {
            text = System.getenv(env);
            from = "environment variable " + env;
        }
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new io.zkml.workbench.WorkbenchException(from + " is '" + text + "': give a positive number");
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
