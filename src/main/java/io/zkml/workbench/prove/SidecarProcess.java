package io.zkml.workbench.prove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One running sidecar process: writes requests to its stdin, and on a reader thread matches the
 * JSON lines of its stdout to the waiting requests by id. When the process ends, every request
 * still waiting fails, since the sidecar keeps no state a new process could resume from.
 */
final class SidecarProcess {

    private static final System.Logger LOG = System.getLogger(SidecarProcess.class.getName());
    private static final int STDERR_LINES_KEPT = 12;
    /** The sidecar's error code for an aborted WASM instance, after which it exits by itself. */
    static final String WASM_ABORTED = "WASM_ABORTED";
    /** The line the sidecar's heartbeat thread writes to stderr (sidecar.mjs). */
    static final String HEARTBEAT = "[heartbeat]";

    private final Process process;
    private final ObjectMapper json;
    private final Consumer<SidecarProgress> progressListener;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Deque<String> recentStderr = new ArrayDeque<>();
    private final OutputStream stdin;
    private volatile boolean cancelled;
    /** Why the process was stopped from this side (cancel, JVM shutdown, no heartbeat), for the waiting requests. */
    private volatile String stopReason;
    /** Set when the sidecar announced its own exit, before the OS reports the process gone. */
    private volatile boolean exiting;
    /** System.nanoTime() of the last line from the sidecar (a heartbeat, progress or answer). */
    private volatile long lastSignOfLife = System.nanoTime();
    /**
     * Ends the sidecar when the JVM exits (SIGTERM, Ctrl-C, System.exit): without it the node
     * process would finish its current proof for nobody. Registered per process, removed when
     * the process ends, so nothing outlives its sidecar.
     */
    private final Thread shutdownHook;

    private record Pending(String op, CompletableFuture<JsonNode> future) {
    }

    private SidecarProcess(Process process, ObjectMapper json, Consumer<SidecarProgress> progressListener) {
        this.process = process;
        this.json = json;
        this.progressListener = progressListener;
        this.stdin = process.getOutputStream();
        this.shutdownHook = new Thread(this::endWithJvm, "zkml-sidecar-shutdown-" + process.pid());
    }

    static SidecarProcess start(SidecarConfig config, ObjectMapper json, Consumer<SidecarProgress> progressListener) {
        ProcessBuilder builder = new ProcessBuilder(config.node(), "sidecar.mjs").directory(config.sidecarDir().toFile());
        builder.environment().put("ZKML_PARAMS_DIR", config.paramsDir().toAbsolutePath().toString());
        builder.environment().put("ZKML_KEY_CACHE", config.keyCacheDir().toAbsolutePath().toString());
        if (config.threads() != null) {
            builder.environment().put("ZKML_THREADS", Integer.toString(config.threads()));
        }
        builder.environment().put("ZKML_HEARTBEAT_MS", Long.toString(Math.max(100, config.heartbeatInterval().toMillis())));
        builder.environment().put("ZKML_KEY_CACHE_MAX_BYTES", Long.toString(config.keyCacheMaxBytes()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SidecarUnavailableException("could not start the snarkVM sidecar in " + config.sidecarDir() + ": " + e.getMessage(), e);
        }
        SidecarProcess sidecar = new SidecarProcess(process, json, progressListener);
        try {
            Runtime.getRuntime().addShutdownHook(sidecar.shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting: no work may start now.
            process.destroyForcibly();
            throw new SidecarException(SidecarException.CANCELLED, "not starting the snarkVM sidecar: the workbench is shutting down");
        }
        sidecar.startThreads();
        return sidecar;
    }

    private void startThreads() {
        Thread out = new Thread(this::readResponses, "zkml-sidecar-stdout-" + process.pid());
        out.setDaemon(true);
        out.start();
        // stderr must be drained or a chatty SDK blocks the process; the tail explains crashes.
        Thread err = new Thread(this::readStderr, "zkml-sidecar-stderr-" + process.pid());
        err.setDaemon(true);
        err.start();
    }

    boolean isAlive() {
        return !exiting && process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Nanoseconds since the sidecar last wrote anything (its heartbeat comes every {@link SidecarConfig#heartbeatInterval()}). */
    long silentForNanos() {
        return System.nanoTime() - lastSignOfLife;
    }

    /** Kills the process because it stopped answering; waiting requests fail with {@code reason}. */
    void abandon(String reason) {
        stopReason = reason;
        cancel();
    }

    private void endWithJvm() {
        stopReason = "cancelled: the workbench is shutting down (Ctrl-C, SIGTERM or the window closed)";
        cancelled = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            // Briefly, so the waiting thread can still print why before the JVM halts.
            process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deregisterShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting and the hook is running or has run: nothing to undo.
        }
    }

    CompletableFuture<JsonNode> send(long id, String op, ObjectNode request) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, new Pending(op, future));
        try {
            byte[] line = (json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            // The process died before or while we wrote; the reader thread reports why.
            LOG.log(System.Logger.Level.DEBUG, "writing to the sidecar failed", e);
            if (!process.isAlive()) {
                fail(id, stoppedException(op));
            }
        }
        return future;
    }

    /**
     * Kills the process and waits (briefly) until it is gone, so a sidecar started next does not
     * share the machine with a dying one; requests waiting on it fail as cancelled.
     */
    void cancel() {
        cancelled = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the cancelled sidecar " + process.pid() + " has not exited yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (it exits when stdin closes) and kills it if it does not. */
    void stop() {
        cancelled = true;
        deregisterShutdownHook();
        try {
            synchronized (stdin) {
                stdin.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readResponses() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sidecar stdout closed", e);
        }
        waitForExit();
        deregisterShutdownHook();
        pending.keySet().forEach(id -> fail(id, null));
    }

    private void dispatch(String line) {
        lastSignOfLife = System.nanoTime();
        JsonNode message;
        try {
            message = json.readTree(line);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a non-JSON line from the sidecar: " + line);
            return;
        }
        long id = message.path("id").asLong(-1);
        if ("progress".equals(message.path("type").asText())) {
            JsonNode fraction = message.get("fraction");
            progressListener.accept(new SidecarProgress(id, message.path("stage").asText(), message.path("message").asText(),
                    fraction == null || fraction.isNull() ? null : fraction.asDouble()));
            return;
        }
        Pending waiting = pending.remove(id);
        if (waiting == null) {
            LOG.log(System.Logger.Level.WARNING, "sidecar answered unknown request " + id + ": " + line);
            return;
        }
        if (message.path("ok").asBoolean(false)) {
            waiting.future().complete(message.path("result"));
        } else {
            JsonNode error = message.path("error");
            if (WASM_ABORTED.equals(error.path("code").asText())) {
                exiting = true;
            }
            waiting.future().completeExceptionally(new SidecarException(error.path("code").asText("UNKNOWN"),
                    error.path("message").asText("the sidecar reported an error without a message")));
        }
    }

    private void fail(long id, SidecarException exception) {
        Pending waiting = pending.remove(id);
        if (waiting != null) {
            waiting.future().completeExceptionally(exception != null ? exception : stoppedException(waiting.op()));
        }
    }

    private SidecarException stoppedException(String op) {
        if (stopReason != null) {
            return new SidecarException(stopReason.startsWith("cancelled") ? SidecarException.CANCELLED : SidecarException.TIMED_OUT,
                    "the snarkVM sidecar was stopped while running '" + op + "': " + stopReason);
        }
        if (cancelled) {
            return new SidecarException(SidecarException.CANCELLED, "the snarkVM sidecar was stopped while running '" + op + "' (cancelled)");
        }
        String tail;
        synchronized (recentStderr) {
            tail = recentStderr.isEmpty() ? "" : " Its last messages: " + String.join(" | ", recentStderr);
        }
        return new SidecarException(SidecarException.STOPPED, "the snarkVM sidecar " + describeExit(process)
                + " while running '" + op + "'. The next request starts a new sidecar." + tail);
    }

    /**
     * How the process ended, in words. Java reports a process killed by signal N as exit code
     * 128 + N; the sidecar itself exits with 0 (asked to), 70 (snarkVM aborted its WASM, after
     * answering WASM_ABORTED) or 1 (a crash of Node.js itself).
     */
    static String describeExit(Process process) {
        if (process.isAlive()) {
            return "closed its output but is still running (pid " + process.pid() + ")";
        }
        int code = process.exitValue();
        if (code > 128 && code < 128 + 65) {
            int signal = code - 128;
            return "was ended by signal " + signal + signalName(signal) + " (killed from outside: the system ran out of memory, "
                    + "or someone or something killed the node process " + process.pid() + ")";
        }
        if (code == 70) {
            return "exited with code 70: snarkVM aborted its WASM instance (see its last messages)";
        }
        return "exited with code " + code;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> ", SIGHUP";
            case 2 -> ", SIGINT";
            case 6 -> ", SIGABRT";
            case 9 -> ", SIGKILL";
            case 11 -> ", SIGSEGV";
            case 15 -> ", SIGTERM";
            default -> "";
        };
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lastSignOfLife = System.nanoTime();
                if (line.equals(HEARTBEAT)) {
                    continue;
                }
                LOG.log(System.Logger.Level.DEBUG, "[sidecar] " + line);
                synchronized (recentStderr) {
                    recentStderr.addLast(line);
                    if (recentStderr.size() > STDERR_LINES_KEPT) {
                        recentStderr.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sidecar stderr closed", e);
        }
    }
}
