package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long CLI work, drawn on stderr. Bars only make sense to a person watching a
 * terminal: with {@code --json}, or when the output goes to a file or a pipe (no console), every
 * bar is a no-op so scripts and logs see nothing but the result.
 */
final class CliProgress {

    private final PrintStream terminal;

    private CliProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Bars on stderr when a person is watching, none with {@code --json}. */
    static CliProgress forCommand(boolean json) {
        return enabled(json, System.console() != null) ? new CliProgress(System.err) : quiet();
    }

    static CliProgress quiet() {
        return new CliProgress(null);
    }

    /** The rule, apart so it can be tested without a terminal. */
    static boolean enabled(boolean json, boolean console) {
        return !json && console;
    }

    boolean active() {
        return terminal != null;
    }

    /** A bar over {@code total} steps; a negative total is work of unknown length (a spinner with elapsed time). */
    Bar start(String task, long total) {
        if (terminal == null) {
            return new Bar(null);
        }
        return new Bar(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .build());
    }

    /**
     * A listener for the snarkVM sidecar's stage messages: one spinner per stage (download,
     * synthesis, proving, verifying) with the latest message; without a terminal the messages go to
     * {@code fallback} as plain lines (null: nowhere). Close it when the command ends.
     */
    SidecarBars sidecar(PrintWriter fallback) {
        return new SidecarBars(fallback);
    }

    /** One progress bar; every method does nothing when progress is quiet. */
    static final class Bar implements AutoCloseable {
        private final ProgressBar bar;

        private Bar(ProgressBar bar) {
            this.bar = bar;
        }

        void step() {
            if (bar != null) {
                bar.step();
            }
        }

        void message(String extra) {
            if (bar != null) {
                bar.setExtraMessage(extra);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /**
     * Turns the sidecar's stage messages into one spinner per stage, or into the message of a
     * host bar (batch work: one bar over the rows, two bars would overwrite each other's line).
     */
    final class SidecarBars implements Consumer<SidecarProgress>, AutoCloseable {
        private final PrintWriter fallback;
        private Bar current;
        private String stage;
        private Bar host;

        private SidecarBars(PrintWriter fallback) {
            this.fallback = fallback;
        }

        /** From now on stage messages update {@code bar} instead of opening spinners (null: spinners again). */
        synchronized void hostedBy(Bar bar) {
            close();
            host = bar;
        }

        /** A command's own status line (e.g. "re-synthesizing the key"): on the bar, or as a line. */
        synchronized void note(String message) {
            Bar target = host != null ? host : current;
            if (active() && target != null) {
                target.message(message);
            } else if (fallback != null) {
                fallback.println(message);
                fallback.flush();
            }
        }

        @Override
        public synchronized void accept(SidecarProgress p) {
            if (p.message() == null || p.message().isBlank()) {
                return;
            }
            if (!active()) {
                if (fallback != null) {
                    fallback.println("  [" + p.stage() + "] " + p.message());
                    fallback.flush();
                }
                return;
            }
            if (host != null) {
                host.message(p.stage() + ": " + p.message());
                return;
            }
            if (!p.stage().equals(stage)) {
                close();
                stage = p.stage();
                current = start(stage, -1);
            }
            current.message(p.message());
            if (p.fraction() != null && p.fraction() >= 1) {
                close();
            }
        }

        @Override
        public synchronized void close() {
            if (current != null) {
                current.close();
                current = null;
                stage = null;
            }
        }
    }
}
