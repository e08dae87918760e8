package io.zkml.workbench.prove;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks, before the first start, that Node.js and the sidecar's files are usable. */
final class NodeRuntime {

    static final int MINIMUM_MAJOR = 18;
    private static final String INSTALL_HINT =
            "Node.js " + MINIMUM_MAJOR + "+ is needed for proving; install it from your package manager";
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

    private NodeRuntime() {
    }

    /** Returns the Node.js version string, or throws a {@link SidecarUnavailableException} saying what to do. */
    static String check(SidecarConfig config) {
        String version = nodeVersion(config.node());
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new SidecarUnavailableException(
                    "'" + config.node() + " --version' printed '" + version + "', not a Node.js version. " + INSTALL_HINT);
        }
        if (Integer.parseInt(m.group(1)) < MINIMUM_MAJOR) {
            throw new SidecarUnavailableException("found Node.js " + m.group() + " (" + config.node() + "). " + INSTALL_HINT);
        }
        Path dir = config.sidecarDir();
        if (!Files.isRegularFile(dir.resolve("sidecar.mjs"))) {
            throw new SidecarUnavailableException("the snarkVM sidecar is not in " + dir + " (no sidecar.mjs); set the system property "
                    + SidecarConfig.SIDECAR_DIR_PROPERTY + " to the folder that holds it");
        }
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("@provablehq").resolve("sdk"))) {
            throw new SidecarUnavailableException("the snarkVM sidecar's packages are not installed: run 'npm ci' in " + dir);
        }
        checkIntegrity(dir, SidecarManifest.shipped());
        return m.group();
    }

    /**
     * Refuses a sidecar whose files are not the ones this build recorded: it decides what
     * "VALID" means, so a changed script must never run in its place.
     */
    static void checkIntegrity(Path dir, java.util.Optional<SidecarManifest> shipped) {
        if (shipped.isEmpty()) {
            throw new SidecarUnavailableException("this build of zkML Workbench has no record of its snarkVM sidecar ("
                    + SidecarManifest.RESOURCE + "), so the sidecar in " + dir + " cannot be checked; build with Maven "
                    + "(mvn package) or reinstall");
        }
        java.util.List<String> differences;
        try {
            differences = shipped.get().differences(dir);
        } catch (IOException e) {
            throw new SidecarUnavailableException("cannot read the snarkVM sidecar in " + dir + " to check it: " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            throw new SidecarUnavailableException("the snarkVM sidecar in " + dir + " is not the one this build shipped: "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                    + (differences.size() > 5 ? "; and " + (differences.size() - 5) + " more" : "")
                    + ". Refusing to run it. Reinstall zkML Workbench (or, in a source tree, run 'npm ci' in " + dir
                    + " and rebuild with mvn package)");
        }
    }

    static String nodeVersion(String node) {
        Process process;
        try {
            process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SidecarUnavailableException(INSTALL_HINT + " (could not run '" + node + "': " + e.getMessage() + ")", e);
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SidecarUnavailableException("'" + node + " --version' did not answer within 20 s. " + INSTALL_HINT);
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new SidecarUnavailableException(INSTALL_HINT + " (reading '" + node + " --version' failed: " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SidecarUnavailableException("interrupted while checking Node.js", e);
        }
    }
}
