package io.zkml.workbench;

/**
 * A problem the user can fix (a bad file, an unsupported layer, an over-limit model). Its
 * message is written for a person: what went wrong, where, and what to do. The CLI prints it
 * without a stack trace and exits with code 1; the UI shows it as a message.
 */
public class WorkbenchException extends RuntimeException {

    public WorkbenchException(String message) {
        super(message);
    }

    public WorkbenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
