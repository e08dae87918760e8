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
        return m.group();
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
