package io.zkml.workbench.circuit;

/** A program that exceeds one Aleo limit: which, the allowed value, the actual value, and by how much. */
public record LimitViolation(String limit, long allowed, long actual, String what, String source) {

    public long excess() {
        return actual - allowed;
    }

    public String message() {
        return String.format("%s: %,d exceeds %s = %,d by %,d (%s)", what, actual, limit, allowed, excess(), source);
    }
}
