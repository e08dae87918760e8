package io.zkml.workbench.prove;

import io.zkml.workbench.WorkbenchException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exported project with the user's own Leo CLI instead of the bundled snarkVM sidecar:
 * {@code leo run} (execution, no proof) and {@code leo execute} (a proven transaction). Useful to
 * check the generated Leo source with the compiler people deploy with. Leo is optional: nothing
 * in the workbench needs it, so its absence is a user-facing message, not an error.
 */
public final class LeoBackend {

    public static final String INSTALL_URL = "https://docs.leo-lang.org/getting_started/installation";
    static final String NOT_INSTALLED = "the Leo CLI is not installed (no `leo` on PATH); install it from "
            + INSTALL_URL + " or use the snarkVM sidecar backend (default: --backend snarkvm)";
    private static final long VERSION_TIMEOUT_SECONDS = 30;

    private final String searchPath;

    /** @param searchPath a PATH-style list of folders to look for {@code leo} in */
    public LeoBackend(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Folders searched for {@code leo} before PATH, for a Leo installed outside it. */
    public static final String PATH_PROPERTY = "zkml.leoPath";

    /** Looks in {@value #PATH_PROPERTY} (or {@code ZKML_LEO_PATH}) first, then on PATH. */
    public static LeoBackend fromEnvironment() {
        String extra = System.getProperty(PATH_PROPERTY, System.getenv("ZKML_LEO_PATH"));
        String path = System.getenv("PATH");
        return new LeoBackend(extra == null || extra.isBlank() ? path
                : path == null ? extra : extra + File.pathSeparator + path);
    }

    /**
     * The Leo found by an earlier {@link #detect()}: each detection runs {@code leo --version}, and the
     * Prove tab asks on every new program and again before each run. A missing Leo is looked for
     * again each time (that costs only file checks), so one installed meanwhile is found.
     */
    private volatile LeoInstallation found;

    /** The Leo CLI on the search path that answers {@code leo --version}, if any. */
    public Optional<LeoInstallation> detect() {
        LeoInstallation known = found;
        if (known != null && Files.isExecutable(known.executable())) {
            return Optional.of(known);
        }
        found = scan().orElse(null);
        return Optional.ofNullable(found);
    }

    private Optional<LeoInstallation> scan() {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path exe = Path.of(dir, "leo");
            if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                Optional<String> version = version(exe);
                if (version.isPresent()) {
                    return Optional.of(new LeoInstallation(exe, version.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The installation, or a {@link WorkbenchException} telling the user where to get Leo. */
    public LeoInstallation require() {
        return detect().orElseThrow(() -> new WorkbenchException(NOT_INSTALLED));
    }

    /** {@code leo run FUNCTION INPUTS...} in {@code project}: outputs without a proof. */
    public LeoResult run(Path project, String function, List<String> inputs) {
        List<String> args = new ArrayList<>(List.of("run", function));
        args.addAll(inputs);
        String log = invoke(project, args);
        return new LeoResult(LeoOutput.outputs(log), LeoOutput.circuit(log), null, log);
    }

    /**
     * {@code leo execute FUNCTION INPUTS... --yes --save DIR} in {@code project}: a proven transaction,
     * saved to {@code saveDir} (Leo names it {@code <program>.execution.json}). Leo asks its network
     * endpoint for the state root, so this needs the network configured in the project's {@code .env}.
     */
    public LeoResult execute(Path project, String function, List<String> inputs, Path saveDir) {
        List<String> args = new ArrayList<>(List.of("execute", function));
        args.addAll(inputs);
        args.addAll(List.of("--yes", "--save", saveDir.toAbsolutePath().toString()));
        String log = invoke(project, args);
        Path saved = null;
        try (var files = Files.list(saveDir)) {
            saved = files.filter(f -> f.getFileName().toString().endsWith(".execution.json")).findFirst().orElse(null);
        } catch (IOException e) {
            // No saved transaction: reported as null.
        }
        return new LeoResult(LeoOutput.outputs(log), LeoOutput.circuit(log), saved, log);
    }

    private String invoke(Path project, List<String> args) {
        LeoInstallation leo = require();
        List<String> command = new ArrayList<>();
        command.add(leo.executable().toString());
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new WorkbenchException("could not start " + leo.executable() + ": " + e.getMessage(), e);
        }
        String log;
        int exit;
        try {
            log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = p.waitFor();
        } catch (IOException e) {
            p.destroyForcibly();
            throw new WorkbenchException("reading the output of `leo " + args.get(0) + "` failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WorkbenchException("interrupted while `leo " + args.get(0) + "` was running", e);
        }
        if (exit != 0) {
            throw new WorkbenchException("`leo " + args.get(0) + "` in " + project + " failed (exit " + exit + ", "
                    + leo.version() + "):\n" + tail(LeoOutput.plain(log)));
        }
        return log;
    }

    private static Optional<String> version(Path exe) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
            if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = LeoOutput.plain(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).strip();
            return p.exitValue() == 0 && !text.isEmpty() ? Optional.of(text.lines().findFirst().orElse(text))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
