package io.zkml.workbench.testing;

import io.zkml.workbench.prove.SidecarCall;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The snarkVM tier's account of sidecar work (issue #15: where the time goes): every request of every
 * {@code SidecarClient} in the test JVM (the run's shared sidecar, a test's own process, the sidecars
 * the UI panels and the CLI's commands start themselves), heard through the client's DEBUG log of
 * finished requests ({@link #listen()}), tallied by kind. {@link SharedSidecar} keeps one per run in
 * the root store, prints one line per test that used snarkVM, one per test class (with its wall time)
 * and one for the run when it ends. Key syntheses are counted wherever they
 * happen (an execute, a proof, a verifier deriving a key), one per function whose keys were made (a
 * chain's proof may make several), with the synthesis time the sidecar reports.
 */
public final class SidecarAccount implements Consumer<SidecarCall> {

    /** What a kind of request has cost so far. */
    public record Tally(int count, long millis, int failed) {
        static final Tally NONE = new Tally(0, 0, 0);

        Tally plus(SidecarCall call) {
            return new Tally(count + 1, millis + call.millis(), failed + (call.failed() ? 1 : 0));
        }

        Tally minus(Tally earlier) {
            return new Tally(count - earlier.count, millis - earlier.millis, failed - earlier.failed);
        }
    }

    /** A copy of the account at one moment: tallies by kind, syntheses apart. */
    public record Snapshot(Map<String, Tally> kinds, Tally syntheses) {

        public Snapshot since(Snapshot earlier) {
            Map<String, Tally> diff = new TreeMap<>();
            kinds.forEach((kind, t) -> {
                Tally d = t.minus(earlier.kinds.getOrDefault(kind, Tally.NONE));
                if (d.count() > 0) {
                    diff.put(kind, d);
                }
            });
            return new Snapshot(diff, syntheses.minus(earlier.syntheses));
        }

        public Tally of(String kind) {
            return kinds.getOrDefault(kind, Tally.NONE);
        }

        public boolean isEmpty() {
            return kinds.isEmpty();
        }

        /** One line: syntheses first (the cold run's cost), then proofs, verifications, executions, the rest. */
        public String line() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d syntheses %.0f s", syntheses.count(),
                    syntheses.millis() / 1e3));
            kinds.forEach((kind, t) -> s.append(String.format(Locale.ROOT, "; %d %s %.0f s%s", t.count(), kind,
                    t.millis() / 1e3, t.failed() > 0 ? " (" + t.failed() + " failed)" : "")));
            long busy = kinds.values().stream().mapToLong(Tally::millis).sum();
            return s.append(String.format(Locale.ROOT, "; sidecar busy %.0f s", busy / 1e3)).toString();
        }
    }

    /** Running tallies of the run's requests. */
    private static final class Tallies {
        private final Map<String, Tally> kinds = new TreeMap<>();
        private Tally syntheses = Tally.NONE;

        void add(SidecarCall call) {
            kinds.merge(kind(call.op()), Tally.NONE.plus(call), (a, b) -> a.plus(call));
            if (call.synthesized() > 0) {
                syntheses = new Tally(syntheses.count() + call.synthesized(), syntheses.millis() + call.synthesisMs(), 0);
            }
        }

        Snapshot snapshot() {
            return new Snapshot(new TreeMap<>(kinds), syntheses);
        }
    }

    private final Tallies total = new Tallies();
    private final Map<String, Snapshot> classes = new java.util.LinkedHashMap<>();
    private final long started = System.nanoTime();

    /** The kind a request is counted as: the chain and single-program forms of one operation together. */
    static String kind(String op) {
        return switch (op) {
            case "prove", "proveChain" -> "proofs";
            case "verify", "verifyChain" -> "verifications";
            case "execute", "executeChain" -> "executions";
            case "synthesize", "deriveVerifyingKey", "deriveChainVerifyingKeys" -> "key requests";
            case "evaluate", "evaluateRows" -> "evaluations";
            case "hash" -> "hashes";
            case "start" -> "process starts"; // time 0: a start is in the time of the request that needed it
            default -> op;
        };
    }

    @Override
    public synchronized void accept(SidecarCall call) {
        total.add(call);
    }

    /** The logger {@code SidecarClient} reports every finished request to, a {@link SidecarCall} as its parameter. */
    static final String CALLS_LOGGER = "io.zkml.workbench.prove.SidecarClient.calls";

    private java.util.logging.Logger calls;
    private java.util.logging.Handler handler;

    /**
     * Starts hearing every client's requests (until {@link #stop()}): a handler on the clients' call
     * log, which is otherwise off. The logger is held here, since JUL keeps loggers only weakly.
     */
    synchronized SidecarAccount listen() {
        if (handler == null) {
            calls = java.util.logging.Logger.getLogger(CALLS_LOGGER);
            handler = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord record) {
                    Object[] p = record.getParameters();
                    if (p != null && p.length == 1 && p[0] instanceof SidecarCall call) {
                        accept(call);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            calls.setUseParentHandlers(false); // counted, not printed
            calls.addHandler(handler);
            calls.setLevel(java.util.logging.Level.FINE);
        }
        return this;
    }

    synchronized void stop() {
        if (handler != null) {
            calls.removeHandler(handler);
            calls.setLevel(null);
            handler = null;
        }
    }

    public synchronized Snapshot snapshot() {
        return total.snapshot();
    }

    /** Prints what the test {@code name} cost since {@code before} (nothing when it used no sidecar). */
    synchronized void closeTest(String name, Snapshot before, long nanos) {
        Snapshot spent = snapshot().since(before);
        if (!spent.isEmpty()) {
            System.out.println(String.format(Locale.ROOT, "[snarkVM account]   %s (%.1f s): ", name, nanos / 1e9)
                    + spent.line());
        }
    }

    /** Records and prints what the class {@code name} cost since {@code before} (nothing when it used no sidecar). */
    synchronized void closeClass(String name, Snapshot before, long nanos) {
        Snapshot spent = snapshot().since(before);
        if (!spent.isEmpty()) {
            String key = String.format(Locale.ROOT, "%s (%.1f s)", name, nanos / 1e9);
            classes.put(key, spent);
            System.out.println("[snarkVM account] " + key + ": " + spent.line());
        }
    }

    /** The run's line, then the classes by sidecar time, longest first. */
    synchronized String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "[snarkVM account] run (%.0f s): %s",
                (System.nanoTime() - started) / 1e9, total.snapshot().line()));
        classes.entrySet().stream()
                .sorted((a, b) -> Long.compare(busy(b.getValue()), busy(a.getValue())))
                .forEach(e -> s.append(System.lineSeparator()).append("[snarkVM account]   ").append(e.getKey())
                        .append(": ").append(e.getValue().line()));
        return s.toString();
    }

    private static long busy(Snapshot s) {
        return s.kinds().values().stream().mapToLong(Tally::millis).sum();
    }
}
