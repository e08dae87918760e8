package io.zkml.workbench.io;

import java.nio.file.Path;

/**
 * The per-user folder for state that belongs to no project: the recent-files list and autosaves
 * of projects never saved. Tests point it elsewhere with system property {@code zkml.home}.
 */
public record WorkbenchHome(Path dir) {

    public static final String PROPERTY = "zkml.home";

    public static WorkbenchHome fromSystem() {
        String override = System.getProperty(PROPERTY);
        return new WorkbenchHome(override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".zkml-workbench"));
    }

    public Path recentFile() {
        return dir.resolve("recent.json");
    }

    public Path autosaveDir() {
        return dir.resolve("autosave");
    }
}
