package io.zkml.workbench.ui.document;

import io.zkml.workbench.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes happen in order off the caller's thread; their outcome comes back where the callbacks run. */
class SaveQueueTest {

    @Test
    void writesRunInOrderOffTheCallersThreadAndReportBack(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> outcome = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("project.zkwb");
        try (SaveQueue q = new SaveQueue(callbacks::add)) {
            q.submit(() -> {
                threads.add(Thread.currentThread().getName());
                AtomicFiles.writeString(file, "first");
            }, () -> outcome.add("saved first"), e -> outcome.add("failed first"));
            q.submit(() -> AtomicFiles.writeString(file, "second"), () -> outcome.add("saved second"),
                    e -> outcome.add("failed second"));
            q.submit(() -> {
                throw new IllegalStateException("disk full");
            }, () -> outcome.add("saved third"), e -> outcome.add("failed third: " + e.getMessage()));
            for (int i = 0; i < 3; i++) {
                callbacks.poll(20, TimeUnit.SECONDS).run();
            }
        }
        assertEquals(List.of("saved first", "saved second", "failed third: disk full"), outcome);
        assertEquals("second", Files.readString(file), "the later write wins: they ran in order");
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void aWriteAskedAfterCloseRunsAtOnce(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
        SaveQueue q = new SaveQueue(callbacks::add);
        q.close();
        Path file = dir.resolve("autosave.zkwb");
        q.submit(() -> AtomicFiles.writeString(file, "kept"), () -> { }, e -> { });
        assertEquals("kept", Files.readString(file), "nothing asked while the window closes is lost");
        assertTrue(callbacks.size() == 1);
    }
}
