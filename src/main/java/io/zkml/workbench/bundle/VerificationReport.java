package io.zkml.workbench.bundle;

import java.util.List;

/**
 * The outcome of {@code zkml verify}: a plain statement of what the proof shows, and each check with
 * its result, so an auditor can see what was established and what was only claimed.
 *
 * @param keyCheck how the verifying key was tied to the program ("key cache" or "re-synthesized")
 */
public record VerificationReport(String bundle, boolean valid, String statement, String keyCheck, List<Check> checks) {

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    public record Check(String name, boolean passed, String detail) {
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
