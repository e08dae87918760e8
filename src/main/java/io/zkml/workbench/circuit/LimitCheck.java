package io.zkml.workbench.circuit;

/**
 * One Aleo limit checked against a program: the allowed and the actual value, whether it holds.
 *
 * @param allowed {@link Long#MAX_VALUE} where the consensus version sets no per-program limit
 * @param source  where the allowed value comes from
 */
public record LimitCheck(String limit, long allowed, long actual, String what, String source) {

    public boolean passed() {
        return actual <= allowed;
    }

    /** True where the consensus version sets no per-program bound, so the check holds trivially. */
    public boolean unbounded() {
        return allowed == Long.MAX_VALUE;
    }

    /** This check as a violation; only meaningful when it failed. */
    public LimitViolation violation() {
        return new LimitViolation(limit, allowed, actual, what, source);
    }
}
