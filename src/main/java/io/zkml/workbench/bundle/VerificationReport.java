package io.zkml.workbench.bundle;

import java.util.List;

/**
 * The outcome of verifying a bundle, built once in the core and rendered as it is by
 * {@code zkml verify}, the audit window and the HTML report, so no front end chooses the words of a
 * verdict. It keeps apart what the proof establishes, what the bundle only claims, and what nothing
 * here establishes.
 *
 * @param outcome        VALID, NOT_VALID (a check failed: the proof or a claim is false), or
 *                       COULD_NOT_CHECK (this machine could not run a check; nothing is said about the proof)
 * @param valid          {@code outcome == VALID}, kept for scripts reading the JSON
 * @param statement      one paragraph in plain words, made from the parts below
 * @param reason         for COULD_NOT_CHECK, what stopped the check (no Node.js, missing parameters…); else null
 * @param keyCheck       how the verifying key was tied to the program text
 * @param proven         facts the valid proof establishes; empty unless VALID
 * @param claimed        what the bundle says that the proof does not establish, marked as its claim
 * @param notEstablished what a reader might assume but this verification does not show
 */
public record VerificationReport(String bundle, Outcome outcome, boolean valid, String statement, String reason,
                                 String keyCheck, List<Check> checks, List<Fact> proven, List<Fact> claimed,
                                 List<String> notEstablished) {

    public enum Outcome {
        VALID("VALID"), NOT_VALID("NOT VALID"), COULD_NOT_CHECK("COULD NOT CHECK");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public VerificationReport {
        checks = List.copyOf(checks);
        proven = List.copyOf(proven);
        claimed = List.copyOf(claimed);
        notEstablished = List.copyOf(notEstablished);
        if (valid != (outcome == Outcome.VALID)) {
            throw new IllegalArgumentException("valid must be outcome == VALID");
        }
        if (outcome != Outcome.VALID && !proven.isEmpty()) {
            throw new IllegalArgumentException("only a valid proof proves anything");
        }
    }

    /**
     * @param passed     null when the check could not be run on this machine (see {@code detail})
     */
    public record Check(String name, Boolean passed, String detail) {

        public Check(String name, boolean passed, String detail) {
            this(name, Boolean.valueOf(passed), detail);
        }

        public boolean failed() {
            return Boolean.FALSE.equals(passed);
        }

        public boolean notRun() {
            return passed == null;
        }
    }

    /** One line of a part: a label and its value, e.g. "Public output" / "0u8". */
    public record Fact(String label, String value) {
    }

    public List<Check> failures() {
        return checks.stream().filter(Check::failed).toList();
    }

    public List<Check> notRun() {
        return checks.stream().filter(Check::notRun).toList();
    }

    /** The verdict line every front end prints: "VALID", "NOT VALID — 2 check(s) failed", "COULD NOT CHECK: reason". */
    public String verdict() {
        return switch (outcome) {
            case VALID -> Outcome.VALID.words();
            case NOT_VALID -> Outcome.NOT_VALID.words() + " — " + failures().size() + " check(s) failed: "
                    + String.join(", ", failures().stream().map(Check::name).toList());
            case COULD_NOT_CHECK -> "COULD NOT CHECK: " + reason;
        };
    }

    /** The headings of the three parts, the same in every front end. */
    public static final String PROVEN = "Proven by the proof";
    public static final String CLAIMED = "Claimed by the bundle, not proven";
    public static final String NOT_ESTABLISHED = "Not established";
}
