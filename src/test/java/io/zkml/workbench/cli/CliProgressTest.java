package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.prove.SidecarProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** When bars are drawn, and that quiet progress really is quiet. */
class CliProgressTest {

    @Test
    void barsOnlyForAPersonAtATerminal() {
        assertTrue(CliProgress.enabled(false, true));
        assertFalse(CliProgress.enabled(true, true), "--json stays quiet");
        assertFalse(CliProgress.enabled(false, false), "stderr to a file or pipe stays quiet");
        // Tests run without a console, so every command is quiet here.
        assertFalse(CliProgress.forCommand(false).active());
    }

    @Test
    void quietBarsDoNothing() {
        CliProgress quiet = CliProgress.quiet();
        try (CliProgress.Bar bar = quiet.start("work", 3)) {
            bar.step();
            bar.message("half way");
        }
        assertFalse(quiet.active());
    }

    @Test
    void withoutATerminalSidecarStagesBecomeLinesOrNothing() {
        StringWriter lines = new StringWriter();
        try (CliProgress.SidecarBars bars = CliProgress.quiet().sidecar(new PrintWriter(lines, true))) {
            bars.accept(new SidecarProgress(1, "synthesis", "synthesizing keys for main", 0.0));
            bars.accept(new SidecarProgress(1, "synthesis", "", null));
            bars.note("checking the key");
        }
        assertEquals("  [synthesis] synthesizing keys for main\nchecking the key\n", lines.toString().replace("\r", ""));

        try (CliProgress.SidecarBars bars = CliProgress.quiet().sidecar(null)) {
            bars.accept(new SidecarProgress(1, "proving", "proving main", 0.0)); // --json: nowhere, no failure
            bars.note("ignored");
        }
    }
}
