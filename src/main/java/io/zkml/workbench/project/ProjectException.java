package io.zkml.workbench.project;

import io.zkml.workbench.WorkbenchException;

/** A project file that cannot be used as it is; the message names the file and what to do. */
public class ProjectException extends WorkbenchException {

    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
