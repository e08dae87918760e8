package io.zkml.workbench.ui.prove;

/**
 * How a job on the proving worker reports back to its {@link ProveSession}. Reports of a job that
 * was cancelled, or has been replaced, are dropped by the session.
 */
public interface Progress {

    /** The line of activity under the progress bar. */
    void message(String text);

    /** The sidecar's stage ("synthesis", "proving", …) and its fraction done, when it knows one. */
    void stage(String stage, Double fraction);

    /** The fraction of a batch done. */
    void fraction(double done);

    /** True once Cancel was pressed for this job; long work polls it. */
    boolean isCancelled();
}
