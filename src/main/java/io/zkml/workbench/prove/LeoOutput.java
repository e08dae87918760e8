package io.zkml.workbench.prove;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the Leo CLI prints for humans. Leo 3 has no machine-readable output for run/execute,
 * so this follows its text (leo/cli/commands/run.rs, execute.rs, synthesize.rs): the outputs come
 * after a line ending in "Output" or "Outputs" as " • value" lines, and key synthesis prints
 * "- Constraints: N" style circuit lines. Colour codes are stripped first.
 */
final class LeoOutput {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern HEADER = Pattern.compile(".*\\bOutputs?\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*•\\s*(.+?)\\s*$");

    private LeoOutput() {
    }

    static String plain(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    static List<String> outputs(String text) {
        List<String> out = new ArrayList<>();
        boolean inOutputs = false;
        for (String line : plain(text).split("\\R")) {
            if (HEADER.matcher(line).matches()) {
                inOutputs = true;
                out.clear(); // the last block wins (execute prints warnings with bullets earlier)
                continue;
            }
            if (!inOutputs) {
                continue;
            }
            Matcher m = BULLET.matcher(line);
            if (m.matches()) {
                out.add(m.group(1));
            } else if (!line.isBlank()) {
                inOutputs = false;
            }
        }
        return out;
    }

    /** The circuit Leo printed after synthesizing keys, or null when it printed none. */
    static CircuitInfo circuit(String text) {
        String t = plain(text);
        Long constraints = number(t, "Constraints");
        if (constraints == null) {
            return null;
        }
        long variables = orZero(number(t, "Variables"));
        long a = orZero(number(t, "Non-Zero Entries in A"));
        long b = orZero(number(t, "Non-Zero Entries in B"));
        long c = orZero(number(t, "Non-Zero Entries in C"));
        long largest = Math.max(Math.max(constraints, variables), Math.max(a, Math.max(b, c)));
        int degree = 64 - Long.numberOfLeadingZeros(Math.max(1, largest - 1));
        return new CircuitInfo(orZero(number(t, "Public Inputs")), variables, constraints, a, b, c, degree);
    }

    private static Long number(String text, String label) {
        Matcher m = Pattern.compile("-\\s*" + Pattern.quote(label) + ":\\s*([\\d,_]+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1).replaceAll("[,_]", "")) : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
