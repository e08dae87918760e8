package io.zkml.workbench.prove;

import java.util.function.BinaryOperator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Java side of the snarkVM sidecar (src/sidecar/sidecar.mjs): executes, proves and verifies Aleo
 * programs with the real snarkVM compiled to WASM, running under Node.js.
 *
 * <p>The process is started on the first request and reused, because loading snarkVM and its
 * thread pool takes about a second and keeps synthesized state warm. If it dies (snarkVM aborts
 * its WASM instance on an integer overflow) the request in flight fails with a
 * {@link SidecarException} and the next request starts a fresh process. Methods block until the
 * answer arrives and may be called from several threads; the sidecar works on one request at a
 * time, in order. {@link #cancel()} from another thread kills the work in progress.
 */
public final class SidecarClient implements AutoCloseable {

    /** Requests that do no proving work; on a cold start they still load snarkVM (seconds). */
    private static final java.util.Set<String> QUICK_OPS = java.util.Set.of("ping", "hash", "evaluate");
    private static final Duration QUICK_OP_LIMIT = Duration.ofMinutes(5);
    /**
     * Every finished request at DEBUG, with its {@link SidecarCall} as the record's one parameter: what
     * an account of snarkVM work over all clients of a JVM reads (the test run's, which also sees the
     * sidecars the UI and the CLI start with {@code new SidecarClient}); off, it costs one level check.
     */
    private static final System.Logger CALLS = System.getLogger(SidecarClient.class.getName() + ".calls");

    private final SidecarConfig config;
    private final Consumer<SidecarProgress> progressListener;
    private final Consumer<SidecarCall> callListener;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object lifecycle = new Object();
    private SidecarProcess process;
    private boolean runtimeChecked;
    private boolean closed;

    public SidecarClient() {
        this(SidecarConfig.fromEnvironment(), progress -> { });
    }

    public SidecarClient(SidecarConfig config, Consumer<SidecarProgress> progressListener) {
        this(config, progressListener, call -> { });
    }

    /** As above; {@code callListener} hears of every request when it ends (on the calling thread). */
    public SidecarClient(SidecarConfig config, Consumer<SidecarProgress> progressListener, Consumer<SidecarCall> callListener) {
        this.config = Objects.requireNonNull(config, "config");
        this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
        this.callListener = Objects.requireNonNull(callListener, "callListener");
    }

    /**
     * A new client, with a process of its own, on {@code config}, reporting progress to
     * {@code progressListener} and its requests to this client's call listener: e.g. a test's own
     * sidecar that still counts in the run's account of snarkVM work.
     */
    public SidecarClient sibling(SidecarConfig config, Consumer<SidecarProgress> progressListener) {
        return new SidecarClient(config, progressListener, callListener);
    }

    public SidecarConfig config() {
        return config;
    }

    /**
     * Starts the sidecar now, if it is not running, and has it build snarkVM's circuit constants (a few
     * seconds, once per process, otherwise paid inside the first execution, evaluation or proof) while the
     * caller prepares that work: compiling the model, waiting for a click. Returns at once; the next request
     * waits for the warm-up to end. Callers may ignore the result: when the sidecar cannot start (e.g. no
     * Node.js), the request that follows meets the same problem and says so.
     *
     * @return completes with true when this warm-up built the constants, false when the process had them
     *         already; exceptionally when the sidecar could not start or the warm-up failed
     */
    public CompletableFuture<Boolean> warmUp() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        // On a thread of its own: starting the process (checking the shipped sidecar's files first) takes
        // a second of the caller's time otherwise.
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            CompletableFuture<JsonNode> answer;
            try {
                long id = nextId.getAndIncrement();
                answer = running().send(id, "warmUp", json.createObjectNode().put("id", id).put("op", "warmUp"));
            } catch (RuntimeException e) {
                done.completeExceptionally(e); // e.g. no Node.js, or the client closed meanwhile
                return;
            }
            answer.whenComplete((a, failure) -> {
                report(new SidecarCall("warmUp", (System.nanoTime() - started) / 1_000_000, 0, 0, failure != null));
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(a.path("warmed").asBoolean());
                }
            });
        }, "sidecar-warm-up");
        t.setDaemon(true);
        t.start();
        return done;
    }

    public SidecarVersions ping() {
        return convert(call("ping", json.createObjectNode()), SidecarVersions.class);
    }

    /** Runs {@code function} of {@code program} without a proof (synthesizing its keys first when they are not cached). */
    public ExecutionResult execute(String program, String function, List<String> inputs) {
        JsonNode r = call("execute", programRequest(program, function, inputs));
        return new ExecutionResult(strings(r.path("outputs")), circuit(r), r.path("keysFromCache").asBoolean(),
                r.path("timings").path("synthesisMs").asLong(), r.path("timings").path("totalMs").asLong());
    }

    /**
     * The public outputs of {@code function} without synthesizing keys (snarkVM's authorization
     * runs the circuit, seconds instead of a key synthesis). It checks neither overflow nor that the
     * circuit is satisfied (an overflow wraps), so it answers "which outputs", never "does this row run":
     * {@link #execute} does that.
     */
    public List<String> evaluate(String program, String function, List<String> inputs) {
        return evaluate(program, function, inputs, java.util.Map.of());
    }

    /**
     * {@link #evaluate} of a chain's entry: {@code imports} are the programs it calls, by program id
     * ({@code m_s1.aleo}) to source; their transitions run in the same authorization.
     */
    public List<String> evaluate(String program, String function, List<String> inputs,
                                 java.util.Map<String, String> imports) {
        var request = programRequest(program, function, inputs);
        if (!imports.isEmpty()) {
            var node = request.putObject("imports");
            imports.forEach(node::put);
        }
        return strings(call("evaluate", request).path("outputs"));
    }

    /**
     * The outputs of {@code function} for many rows at once, each evaluated by snarkVM in plain arithmetic
     * (its unchecked authorization: no circuit, no keys; a fraction of a second a row against seconds for
     * {@link #evaluate}). Checked arithmetic: a row that overflows aborts the sidecar ({@code WASM_ABORTED}).
     * {@code imports} as for {@link #evaluate(String, String, List, java.util.Map)}. No time limit but the
     * heartbeat: the work grows with the rows.
     */
    public List<List<String>> evaluateRows(String program, String function, List<List<String>> rows,
                                           java.util.Map<String, String> imports) {
        ObjectNode request = json.createObjectNode().put("program", program).put("function", function);
        var array = request.putArray("rows");
        rows.forEach(r -> r.forEach(array.addArray()::add));
        if (!imports.isEmpty()) {
            var node = request.putObject("imports");
            imports.forEach(node::put);
        }
        List<List<String>> out = new ArrayList<>();
        call("evaluateRows", request).path("outputs").forEach(r -> out.add(strings(r)));
        if (out.size() != rows.size()) {
            throw new SidecarException("PROTOCOL", "evaluateRows answered " + out.size() + " rows for " + rows.size());
        }
        return out;
    }

    /**
     * snarkVM's own fee figures for {@code function} of {@code program} (offline, the SDK's estimators); with
     * {@code deployment}, also the deployment's, which synthesizes every function's keys first.
     */
    public SnarkVmFees fees(String program, String function, java.util.Map<String, String> imports, boolean deployment) {
        ObjectNode request = json.createObjectNode().put("program", program).put("function", function)
                .put("deployment", deployment);
        if (!imports.isEmpty()) {
            var node = request.putObject("imports");
            imports.forEach(node::put);
        }
        JsonNode r = call("fees", request);
        return new SnarkVmFees(r.path("executionMicrocredits").asLong(), r.path("namespaceMicrocredits").asLong(),
                r.hasNonNull("deploymentMicrocredits") ? r.path("deploymentMicrocredits").asLong() : null);
    }

    /** Synthesizes (or loads from the key cache) the keys of {@code function}; {@code inputs} must be valid for it. */
    public SynthesisResult synthesize(String program, String function, List<String> inputs) {
        JsonNode r = call("synthesize", programRequest(program, function, inputs));
        return new SynthesisResult(circuit(r), r.path("verifyingKey").asText(), r.path("keysFromCache").asBoolean(),
                r.path("timings").path("synthesisMs").asLong());
    }

    /**
     * Synthesizes the verifying key of {@code function} without storing anything in the key cache
     * (checking an untrusted bundle must not leave its proving key behind).
     */
    public SynthesisResult deriveVerifyingKey(String program, String function, List<String> inputs) {
        JsonNode r = call("deriveVerifyingKey", programRequest(program, function, inputs));
        return new SynthesisResult(circuit(r), r.path("verifyingKey").asText(), false,
                r.path("timings").path("synthesisMs").asLong());
    }

    public ProofResult prove(String program, String function, List<String> inputs) {
        return prove(program, function, inputs, null);
    }

    /**
     * As {@link #prove(String, String, List)}, stopped with {@link SidecarException#TIMED_OUT} when
     * it runs longer than {@code timeLimit} (null: no limit beyond the heartbeat). Callers scale
     * the limit to the predicted work (e.g. {@code export.ProvingEstimate}), generously.
     */
    public ProofResult prove(String program, String function, List<String> inputs, Duration timeLimit) {
        JsonNode r = call("prove", programRequest(program, function, inputs), timeLimit);
        return new ProofResult(strings(r.path("outputs")), r.path("execution").asText(), r.path("verifyingKey").asText(),
                circuit(r), r.path("keysFromCache").asBoolean(),
                r.path("timings").path("synthesisMs").asLong(), r.path("timings").path("provingMs").asLong());
    }

    /** Checks a proven execution; a tampered or malformed one gives {@code valid == false} with the reason. */
    public VerifyResult verify(String program, String function, String execution, String verifyingKey) {
        return verify(program, function, execution, verifyingKey, false);
    }

    /**
     * @param keyBound the caller has already tied {@code verifyingKey} to {@code program}, so the
     *                 sidecar does not compare it with its key cache again (whose entry may be damaged)
     */
    public VerifyResult verify(String program, String function, String execution, String verifyingKey, boolean keyBound) {
        ObjectNode request = json.createObjectNode()
                .put("program", program).put("function", function)
                .put("execution", execution).put("verifyingKey", verifyingKey).put("keyBound", keyBound);
        return convert(call("verify", request), VerifyResult.class);
    }

    /**
     * Runs the chain's entry function without a proof (synthesizing and caching the keys of every
     * function it reaches that the key cache lacks; one execution synthesizes them all).
     */
    public ChainExecutionResult executeChain(ProgramChain chain, List<String> inputs) {
        JsonNode r = call("executeChain", chainRequest(chain, inputs));
        return new ChainExecutionResult(strings(r.path("outputs")), transitions(r), r.path("keysFromCache").asBoolean(),
                r.path("timings").path("synthesisMs").asLong(), r.path("timings").path("totalMs").asLong());
    }

    /**
     * Proves a multi-program execution: every transition, one batch proof. Keys come from the key
     * cache, one entry per program and function (named by {@link ProgramChain#keyText}); missing ones
     * are synthesized first and stored. Stopped with {@link SidecarException#TIMED_OUT} past
     * {@code timeLimit} (null: the heartbeat only).
     */
    public ChainProofResult proveChain(ProgramChain chain, List<String> inputs, Duration timeLimit) {
        JsonNode r = call("proveChain", chainRequest(chain, inputs), timeLimit);
        return new ChainProofResult(strings(r.path("outputs")), r.path("execution").asText(), transitions(r),
                r.path("keysFromCache").asBoolean(), r.path("timings").path("synthesisMs").asLong(),
                r.path("timings").path("provingMs").asLong());
    }

    /**
     * The verifying key of every function the chain reaches, synthesized now (one execution of the
     * entry on {@code inputs}) and not stored: checking an untrusted bundle leaves no proving keys behind.
     * The transitions come back once per function, with {@code verifyingKey} and {@code circuit}.
     *
     * @param reuse functions ({@code program/function}) whose key cache entries the caller already trusts:
     *              they are taken from the cache instead of synthesized again
     */
    public List<ChainTransition> deriveChainVerifyingKeys(ProgramChain chain, List<String> inputs, java.util.Collection<String> reuse) {
        ObjectNode request = chainRequest(chain, inputs);
        reuse.forEach(request.putArray("reuse")::add);
        return transitions(call("deriveChainVerifyingKeys", request));
    }

    /**
     * Checks a multi-program execution: its transitions must be the ones the programs' calls imply,
     * in order, and the batch proof must verify under the given keys ({@code program/function} to
     * verifying key, one per function reached). A tampered or malformed execution gives
     * {@code valid == false} with the reason.
     *
     * @param keyBound the caller has tied every key to its program, so the key cache is not consulted
     */
    public VerifyResult verifyChain(ProgramChain chain, String execution, java.util.Map<String, String> verifyingKeys,
                                    boolean keyBound) {
        ObjectNode request = chainRequest(chain, List.of()).put("execution", execution).put("keyBound", keyBound);
        var keys = request.putArray("verifyingKeys");
        verifyingKeys.forEach((name, key) -> {
            int slash = name.indexOf('/');
            keys.addObject().put("program", name.substring(0, slash)).put("function", name.substring(slash + 1))
                    .put("verifyingKey", key);
        });
        return convert(call("verifyChain", request), VerifyResult.class);
    }

    /**
     * Hashes an Aleo value as snarkVM's {@code hash.<algorithm>} instruction does.
     *
     * @param algorithm  psd2, psd4, psd8, bhp256, bhp512, bhp768, bhp1024, ped64 or ped128
     * @param input      an Aleo literal, array or struct, e.g. {@code [1i8, 2i8]}
     * @param outputType field or group
     */
    public String hash(String algorithm, String input, String outputType) {
        ObjectNode request = json.createObjectNode().put("algorithm", algorithm).put("input", input).put("outputType", outputType);
        return call("hash", request).path("hash").asText();
    }

    /** snarkVM's hash to a field, as (algorithm, Aleo value text): what compiling committed weights needs. */
    public BinaryOperator<String> fieldHash() {
        return (algorithm, input) -> hash(algorithm, input, "field");
    }

    /** The running sidecar's process, e.g. to watch its resources; empty before the first request. */
    public Optional<ProcessHandle> processHandle() {
        synchronized (lifecycle) {
            return process == null ? Optional.empty() : Optional.of(process.handle());
        }
    }

    /**
     * Kills the sidecar and returns once its process has exited; requests in flight fail with code
     * {@link SidecarException#CANCELLED}. The next request starts a fresh process.
     */
    public void cancel() {
        synchronized (lifecycle) {
            if (process != null) {
                process.cancel();
                process = null;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (process != null) {
                process.stop();
                process = null;
            }
        }
    }

    private JsonNode call(String op, ObjectNode request) {
        return call(op, request, QUICK_OPS.contains(op) ? QUICK_OP_LIMIT : null);
    }

    private JsonNode call(String op, ObjectNode request, Duration timeLimit) {
        long started = System.nanoTime();
        JsonNode answer = null;
        try {
            answer = send(op, request, timeLimit);
            return answer;
        } finally {
            long synthesisMs = answer == null ? 0 : answer.path("timings").path("synthesisMs").asLong(0);
            report(new SidecarCall(op, (System.nanoTime() - started) / 1_000_000, synthesisMs,
                    synthesisMs > 0 ? synthesized(answer) : 0, answer == null));
        }
    }

    private void report(SidecarCall call) {
        callListener.accept(call);
        if (CALLS.isLoggable(System.Logger.Level.DEBUG)) {
            CALLS.log(System.Logger.Level.DEBUG, (java.util.ResourceBundle) null, "sidecar {0}", call);
        }
    }

    /** Functions whose keys an answer that reports synthesis time made: a chain's transitions not from the cache, else one. */
    private static int synthesized(JsonNode answer) {
        if (!answer.path("transitions").isArray()) {
            return 1;
        }
        java.util.Set<String> made = new java.util.HashSet<>();
        answer.path("transitions").forEach(t -> {
            if (!t.path("keysFromCache").asBoolean()) {
                made.add(t.path("program").asText() + "/" + t.path("function").asText());
            }
        });
        return Math.max(1, made.size());
    }

    private JsonNode send(String op, ObjectNode request, Duration timeLimit) {
        long id = nextId.getAndIncrement();
        request.put("id", id).put("op", op);
        SidecarProcess sidecar = running();
        CompletableFuture<JsonNode> answer = sidecar.send(id, op, request);
        try {
            return await(sidecar, op, answer, timeLimit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SidecarException sidecarException) {
                throw withCallerStack(sidecarException);
            }
            throw new SidecarException("INTERNAL", "the sidecar request '" + op + "' failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new SidecarException(SidecarException.CANCELLED, "the sidecar request '" + op + "' was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SidecarException(SidecarException.CANCELLED, "interrupted while waiting for the sidecar's '" + op + "'", e);
        }
    }

    /**
     * Waits for the answer while watching the sidecar: no heartbeat for the configured timeout
     * means the process is stopped (SIGSTOP, a debugger) or hung, and it is killed rather than
     * waited on forever; so is a request that runs past its time limit.
     */
    private JsonNode await(SidecarProcess sidecar, String op, CompletableFuture<JsonNode> answer, Duration timeLimit)
            throws ExecutionException, InterruptedException {
        long started = System.nanoTime();
        long heartbeatNanos = config.heartbeatTimeout().toNanos();
        long pollMillis = Math.max(50, Math.min(1000, config.heartbeatInterval().toMillis()));
        while (true) {
            try {
                return answer.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                long silent = sidecar.silentForNanos();
                if (silent > heartbeatNanos) {
                    String reason = String.format("it gave no sign of life for %.0f s (no heartbeat; the limit is %s s), so it is "
                            + "stopped (e.g. SIGSTOP) or hung, and was killed. The next request starts a new sidecar; raise the "
                            + "limit with -D%s=SECONDS or ZKML_SIDECAR_HEARTBEAT_TIMEOUT if this machine is that overloaded",
                            silent / 1e9, seconds(config.heartbeatTimeout()), SidecarConfig.HEARTBEAT_TIMEOUT_PROPERTY);
                    throw timedOut(sidecar, op, reason);
                }
                if (timeLimit != null && System.nanoTime() - started > timeLimit.toNanos()) {
                    throw timedOut(sidecar, op, "it ran longer than " + seconds(timeLimit) + " s, the limit for this request "
                            + "(generously above the predicted time), and was killed. The next request starts a new sidecar");
                }
            }
        }
    }

    private SidecarException timedOut(SidecarProcess sidecar, String op, String reason) {
        sidecar.abandon(reason);
        synchronized (lifecycle) {
            if (process == sidecar) {
                process = null;
            }
        }
        return new SidecarException(SidecarException.TIMED_OUT, "the snarkVM sidecar was stopped while running '" + op + "': " + reason);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format("%.1f", d.toMillis() / 1000.0);
    }

    /** The exception was made on the reader thread; rethrow one whose stack shows the caller. */
    private static SidecarException withCallerStack(SidecarException e) {
        return e instanceof SidecarUnavailableException ? e : new SidecarException(e.code(), e.getMessage(), e);
    }

    private SidecarProcess running() {
        synchronized (lifecycle) {
            if (closed) {
                throw new SidecarException(SidecarException.STOPPED, "this SidecarClient is closed");
            }
            if (process == null || !process.isAlive()) {
                if (!runtimeChecked) {
                    NodeRuntime.check(config);
                    runtimeChecked = true;
                }
                process = SidecarProcess.start(config, json, progressListener);
                if (CALLS.isLoggable(System.Logger.Level.DEBUG)) {
                    // A new process: its start (snarkVM's WASM and thread pool loaded) is in the time of the
                    // request that needed it; counted apart, so an account can say how many processes ran.
                    CALLS.log(System.Logger.Level.DEBUG, (java.util.ResourceBundle) null, "sidecar {0}",
                            new SidecarCall("start", 0, 0, 0, false));
                }
            }
            return process;
        }
    }

    private ObjectNode programRequest(String program, String function, List<String> inputs) {
        ObjectNode request = json.createObjectNode().put("program", program).put("function", function);
        inputs.forEach(request.putArray("inputs")::add);
        return request;
    }

    private ObjectNode chainRequest(ProgramChain chain, List<String> inputs) {
        ObjectNode request = json.createObjectNode().put("function", chain.function());
        var programs = request.putArray("programs");
        chain.programs().forEach(p -> programs.addObject().put("id", p.programId()).put("source", p.aleo()));
        inputs.forEach(request.putArray("inputs")::add);
        return request;
    }

    private List<ChainTransition> transitions(JsonNode result) {
        List<ChainTransition> out = new ArrayList<>();
        for (JsonNode t : result.path("transitions")) {
            out.add(convert(t, ChainTransition.class));
        }
        return out;
    }

    private CircuitInfo circuit(JsonNode result) {
        JsonNode circuit = result.get("circuit");
        return circuit == null || circuit.isNull() ? null : convert(circuit, CircuitInfo.class);
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SidecarException("PROTOCOL", "the sidecar's answer does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
