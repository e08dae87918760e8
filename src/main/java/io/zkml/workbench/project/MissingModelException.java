package io.zkml.workbench.project;

import java.nio.file.Path;

/**
 * The project's model file is not where the project says. The UI offers to locate it: pass the
 * new path to {@link ProjectStore#load(Path, Path)}.
 */
public final class MissingModelException extends ProjectException {

    private final Path projectFile;
    private final Path expectedModel;

    public MissingModelException(Path projectFile, Path expectedModel) {
        super("the project's model " + expectedModel + " is missing; locate it (it may have been moved or "
                + "renamed) or put it back, then open " + projectFile.getFileName() + " again");
        this.projectFile = projectFile;
        this.expectedModel = expectedModel;
    }

    public Path projectFile() {
        return projectFile;
    }

    public Path expectedModel() {
        return expectedModel;
    }
}
