package io.zkml.workbench.project;

import io.zkml.workbench.io.WorkbenchHome;
import io.zkml.workbench.quant.QuantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutosaveAndRecentFilesTest {

    @TempDir
    Path dir;

    @Test
    void savedProjectsAutosaveNextToThemselvesAndOfferNewerWork() throws Exception {
        WorkbenchHome home = new WorkbenchHome(dir.resolve("home"));
        Autosave autosave = new Autosave(home, new ProjectStore());
        Path model = Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("iris-tiny.zip"));
        Path project = dir.resolve("iris.zkwb");
        WorkbenchProject p = new WorkbenchProject(model, null, null, QuantSpec.of(8, Map.of()), null, null, null);
        new ProjectStore().save(p, project);

        Path a = autosave.fileFor(Optional.of(project), model);
        assertEquals(dir.resolve("iris.zkwb.autosave").toAbsolutePath(), a);
        assertTrue(autosave.recoveryFor(project).isEmpty());

        autosave.write(p.withQuant(QuantSpec.of(10, Map.of())), a);
        Files.setLastModifiedTime(project, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertEquals(Optional.of(a), autosave.recoveryFor(project));
        assertEquals(10, new ProjectStore().load(a).project().quant().inputFracBits());

        Files.setLastModifiedTime(project, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertTrue(autosave.recoveryFor(project).isEmpty(), "an autosave older than the project is stale");
        autosave.discard(a);
        assertTrue(Files.notExists(a));
    }

    @Test
    void unsavedProjectsAutosaveInTheHomeFolderOnePerModel() throws Exception {
        WorkbenchHome home = new WorkbenchHome(dir.resolve("home"));
        Autosave autosave = new Autosave(home, new ProjectStore());
        Path m1 = Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("iris-tiny.zip"));
        Path m2 = Files.copy(Path.of("sample-models/iris-tiny.zip"), Files.createDirectories(dir.resolve("b"))
                .resolve("iris-tiny.zip"));
        Path a1 = autosave.fileFor(Optional.empty(), m1);
        Path a2 = autosave.fileFor(Optional.empty(), m2);
        assertTrue(a1.startsWith(home.autosaveDir()));
        assertTrue(a1.getFileName().toString().startsWith("iris-tiny-"));
        assertNotEquals(a1, a2);

        autosave.write(new WorkbenchProject(m1, null, null, null, null, null, null), a1);
        assertEquals(List.of(a1), autosave.unsavedRecoveries());
        assertEquals(m1.toAbsolutePath(), new ProjectStore().load(a1).project().model(),
                "far from the model, the autosave keeps an absolute path");
    }

    @Test
    void recentFilesKeepsTheNewestFirstWithoutDuplicates() throws Exception {
        WorkbenchHome home = new WorkbenchHome(dir.resolve("home"));
        RecentFiles recent = new RecentFiles(home);
        assertTrue(recent.list().isEmpty());
        Path a = Files.writeString(dir.resolve("a.zkwb"), "{}");
        Path b = Files.writeString(dir.resolve("b.zip"), "x");
        recent.add(a, RecentFiles.Kind.PROJECT);
        recent.add(b, RecentFiles.Kind.MODEL);
        recent.add(a, RecentFiles.Kind.PROJECT);
        assertEquals(List.of(a.toString(), b.toString()), recent.list().stream().map(RecentFiles.Entry::path).toList());

        Files.delete(b);
        assertEquals(1, recent.list().size(), "files that are gone are not offered");
        for (int i = 0; i < 20; i++) {
            recent.add(Files.writeString(dir.resolve(i + ".zkwb"), "{}"), RecentFiles.Kind.PROJECT);
        }
        assertEquals(RecentFiles.MAX_ENTRIES, recent.list().size());

        Files.writeString(home.recentFile(), "not json");
        assertTrue(new RecentFiles(home).list().isEmpty(), "a damaged list is ignored");
    }
}
