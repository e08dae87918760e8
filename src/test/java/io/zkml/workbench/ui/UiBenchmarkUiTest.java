package io.zkml.workbench.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --bench-ui} runs its whole scripted session on a real sample and prints every figure it
 * promises (the figures themselves are timings, so nothing here checks their values).
 */
@ExtendWith(ApplicationExtension.class)
class UiBenchmarkUiTest extends HeadlessFx {

    private WorkbenchFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = WorkbenchFixture.start(stage);
    }

    @Stop
    void stop() {
        fx.window.close();
    }

    @Test
    void benchmarksOneSampleAndPrintsItsFigures() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CountDownLatch done = new CountDownLatch(1);
        new UiBenchmark(fx.window, new PrintStream(bytes, true, StandardCharsets.UTF_8), Optional.of("iris-tiny"),
                done::countDown).start();
        assertTrue(done.await(5, TimeUnit.MINUTES), "the scripted session finished");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("failed"), out);
        String line = out.lines().filter(l -> l.startsWith("iris-tiny")).findFirst().orElseThrow(() -> new AssertionError(out));
        for (String figure : new String[] {"(first, JIT cold)", "load", " instructions", "opened in",
                "longest FX stall", "evaluation figures", "program figures", "code text", "back to an earlier spec",
                "FX-thread CPU per selection"}) {
            assertTrue(line.contains(figure), "'" + figure + "' in: " + line);
        }
        assertTrue(line.matches(".*\\| +[1-9][0-9,]* instructions \\|.*"), "the program's instruction count: " + line);
        assertTrue(fx.window.programs().code().isUpToDate(), "the session ended with the Code tab up to date");
    }
}
