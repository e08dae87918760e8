package io.zkml.workbench.project;

import java.nio.file.Path;
import java.util.List;

/**
 * A project read from disk, with what the user should know before working on it (e.g. the
 * model changed since the project was saved). Warnings never stop the project from opening.
 */
public record OpenedProject(Path file, WorkbenchProject project, List<String> warnings) {

    public OpenedProject {
        warnings = List.copyOf(warnings);
    }

    public boolean modelChanged() {
        return !warnings.isEmpty();
    }
}
