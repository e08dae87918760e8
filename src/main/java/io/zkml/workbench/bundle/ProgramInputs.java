package io.zkml.workbench.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zero-valued inputs for a program's function, read from its Aleo text. snarkVM executes the
 * function to synthesize its keys, so re-deriving a verifying key needs some valid input; zeros are
 * valid for every program the generator writes (no overflow, no failing assertion).
 */
final class ProgramInputs {

    private static final Pattern INPUT = Pattern.compile("^\\s*input\\s+r\\d+\\s+as\\s+(.+)\\.(private|public);\\s*$");

    private ProgramInputs() {
    }

    static List<String> zeros(String aleo, String function) {
        List<String> out = new ArrayList<>();
        boolean inFunction = false;
        for (String line : aleo.split("\n")) {
            String t = line.trim();
            if (t.startsWith("function ") || t.startsWith("constructor")) {
                inFunction = t.equals("function " + function + ":");
                continue;
            }
            Matcher m = INPUT.matcher(line);
            if (inFunction && m.matches()) {
                out.add(zero(m.group(1).trim()));
            }
        }
        return out;
    }

    private static String zero(String type) {
        if (type.startsWith("[")) {
            String element = type.substring(1, type.indexOf(';')).trim();
            int n = Integer.parseInt(type.substring(type.indexOf(';') + 1, type.length() - 1).trim().replace("u32", ""));
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(zero(element));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return "boolean".equals(type) ? "false" : "0" + type;
    }
}
