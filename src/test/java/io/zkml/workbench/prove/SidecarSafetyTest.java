package io.zkml.workbench.prove;

import io.zkml.workbench.testing.SharedSidecar;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sidecar as an attacker or a failing machine meets it: a planted script in the working
 * directory, a changed installed script, a stopped or killed node process, the JVM ending in
 * the middle of work, and a damaged parameter file. Every test runs the real sidecar; none needs
 * key synthesis except the JVM-exit one, which only needs snarkVM to be busy.
 */
@SnarkVm
class SidecarSafetyTest {

    @TempDir
    Path tmp;

    private static Path params() {
        return SharedSidecar.config().paramsDir();
    }

    /** The run's sidecar configuration (which fails, naming what is missing, rather than skip) with a key cache of its own. */
    private SidecarConfig config() {
        return SharedSidecar.config().withKeyCacheDir(tmp.resolve("keys"));
    }

    @Test
    void aPlantedSidecarInTheWorkingDirectoryIsIgnored() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("downloads"));
        Files.createDirectories(cwd.resolve("src/sidecar"));
        Files.writeString(cwd.resolve("src/sidecar/sidecar.mjs"), "process.stdout.write('{\"ok\":true,\"result\":{\"valid\":true}}\\n');\n");
        Files.createDirectories(cwd.resolve("sidecar"));
        Files.writeString(cwd.resolve("sidecar/sidecar.mjs"), "// planted\n");

        Process child = childJvm(cwd, "io.zkml.workbench.Launcher", "version", "--sidecar");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        Path expected = config().sidecarDir().toRealPath();
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("sidecar: " + expected + " (as shipped)"), out);
        assertFalse(out.contains(cwd.toString()), out);
    }

    @Test
    void aChangedShippedScriptIsRefusedBeforeItRuns() throws Exception {
        SidecarConfig config = config();
        Path copy = Files.createDirectories(tmp.resolve("sidecar"));
        try (Stream<Path> files = Files.list(config.sidecarDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(copy.resolve("node_modules"), config.sidecarDir().resolve("node_modules"));
        // As shipped, the manifest of this build accepts the copy's scripts...
        SidecarManifest shipped = SidecarManifest.shipped().orElseThrow();
        SidecarManifest scripts = SidecarManifest.compute(copy);
        for (String script : List.of("sidecar.mjs", "key-cache.mjs", "params-xhr.mjs")) {
            assertEquals(shipped.hashes().get(script), scripts.hashes().get(script), script);
        }
        // ...and refuses them once one line changes: the verdict is the script's to give.
        Path script = copy.resolve("sidecar.mjs");
        Files.writeString(script, Files.readString(script).replace("const valid = verifyFunctionExecution(", "const valid = true || verifyFunctionExecution("));
        try (SidecarClient client = new SidecarClient(config.withSidecarDir(copy), p -> { })) {
            // A warm-up asked for first throws nothing to its caller: its result holds the refusal.
            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.warmUp().get(120, TimeUnit.SECONDS));
            assertInstanceOf(SidecarUnavailableException.class, refused.getCause());
            SidecarUnavailableException e = assertThrows(SidecarUnavailableException.class, client::ping);
            assertTrue(e.getMessage().contains("not the one this build shipped"), e.getMessage());
            assertTrue(e.getMessage().contains("sidecar.mjs was changed"), e.getMessage());
            assertTrue(client.processHandle().isEmpty(), "no process may start");
        }
    }

    @Test
    void aStoppedSidecarFailsTheRequestWithinTheHeartbeatTimeout() throws Exception {
        try (SidecarClient client = new SidecarClient(config().withHeartbeatTimeout(Duration.ofSeconds(5)), p -> { })) {
            client.ping();
            ProcessHandle node = client.processHandle().orElseThrow();
            signal("STOP", node.pid());
            SidecarException e = assertThrows(SidecarException.class, client::ping);
            assertEquals(SidecarException.TIMED_OUT, e.code());
            assertTrue(e.getMessage().contains("gave no sign of life"), e.getMessage());
            assertTrue(e.getMessage().contains("stopped (e.g. SIGSTOP) or hung"), e.getMessage());
            node.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(node.isAlive());
            // The next request starts a fresh sidecar.
            assertNotNull(client.ping().sdkVersion());
        }
    }

    @Test
    void aKilledSidecarIsNamedBySignalNotGuessedAsAnOverflow() throws Exception {
        try (SidecarClient client = new SidecarClient(config(), p -> { })) {
            client.ping();
            ProcessHandle node = client.processHandle().orElseThrow();
            // Stopped first, so the request is surely in flight when the kill comes.
            signal("STOP", node.pid());
            CompletableFuture<SidecarVersions> ping = CompletableFuture.supplyAsync(client::ping);
            Thread.sleep(500);
            signal("KILL", node.pid());
            CompletionException wrapped = assertThrows(CompletionException.class, ping::join);
            SidecarException e = assertInstanceOf(SidecarException.class, wrapped.getCause());
            assertEquals(SidecarException.STOPPED, e.code());
            assertTrue(e.proverStopped());
            assertTrue(e.getMessage().contains("was ended by signal 9, SIGKILL"), e.getMessage());
            assertFalse(e.getMessage().contains("overflow"), e.getMessage());
        }
    }

    @Test
    void theSidecarEndsWithTheJvmEvenInTheMiddleOfWork() throws Exception {
        Path keys = tmp.resolve("child-keys");
        Process child = childJvm(tmp, SidecarChildMain.class.getName(), params().toAbsolutePath().toString(), keys.toString());
        long pid;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertNotNull(line, "the child JVM ended before its sidecar got busy");
            assertTrue(line.startsWith("SIDECAR "), line);
            pid = Long.parseLong(line.substring("SIDECAR ".length()).trim());
            Optional<ProcessHandle> node = ProcessHandle.of(pid);
            assertTrue(node.isPresent() && node.get().isAlive());
            child.destroy(); // SIGTERM to the JVM, as a service manager or `kill` sends
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            // The hook has already waited for the node process to end; allow the OS a moment to reap it.
            node.get().onExit().get(10, TimeUnit.SECONDS);
            assertFalse(node.get().isAlive());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aDamagedParameterFileIsNamedWithTheFix() throws Exception {
        Path damaged = Files.createDirectories(tmp.resolve("params"));
        try (Stream<Path> files = Files.list(params())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, damaged.resolve(f.getFileName()));
            }
        }
        for (String name : List.of("powers-of-beta-16.usrs", "shifted-powers-of-beta-16.usrs", "powers-of-beta-15.usrs",
                "shifted-powers-of-beta-15.usrs")) {
            Path f = damaged.resolve(name);
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 0x5a;
            f.toFile().setWritable(true);
            Files.write(f, bytes);
        }
        try (SidecarClient client = new SidecarClient(config().withParamsDir(damaged), p -> { })) {
            SidecarException e = assertThrows(SidecarException.class,
                    () -> client.execute(SidecarClientTest.PROBE, "main", SidecarClientTest.INPUTS));
            assertEquals("CORRUPT_PARAMETER", e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
            assertTrue(e.getMessage().contains("Delete it"), e.getMessage());
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }

    private static Process childJvm(Path cwd, String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
