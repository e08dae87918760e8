package io.zkml.workbench.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's inputs read from a program's Aleo text: their declared types, and zero values for
 * them. snarkVM executes the function to synthesize its keys, so re-deriving a verifying key needs
 * some valid input; zeros are valid for every program the generator writes (no overflow, no failing
 * assertion). The text may be an attacker's: every type is checked against {@link AleoTypes} before
 * a value is built from it.
 */
final class ProgramInputs {

    private static final Pattern INPUT = Pattern.compile("^\\s*input\\s+r\\d+\\s+as\\s+(.+)\\.(private|public);\\s*$");

    private ProgramInputs() {
    }

    /**
     * The declared input types of {@code function}, in order.
     *
     * @throws IllegalArgumentException for a type outside Aleo's grammar or limits
     */
    static List<String> types(String aleo, String function) {
        List<String> out = new ArrayList<>();
        boolean inFunction = false;
        for (String line : aleo.split("\n")) {
            String t = line.trim();
            if (t.startsWith("function ") || t.startsWith("constructor") || t.startsWith("closure ")) {
                inFunction = t.equals("function " + function + ":");
                continue;
            }
            Matcher m = INPUT.matcher(line);
            if (inFunction && m.matches()) {
                String type = m.group(1).trim();
                AleoTypes.parse(type);
                out.add(type);
                if (out.size() > ManifestValidation.MAX_INPUTS) {
                    throw new IllegalArgumentException("function " + function + " declares more than "
                            + ManifestValidation.MAX_INPUTS + " inputs");
                }
            }
        }
        return out;
    }

    static List<String> zeros(String aleo, String function) {
        List<String> out = new ArrayList<>();
        long total = 0;
        for (String type : types(aleo, function)) {
            total += AleoTypes.parse(type).elements();
            if (total > AleoTypes.MAX_TOTAL_ELEMENTS) {
                throw new IllegalArgumentException("the inputs of " + function + " hold more than "
                        + AleoTypes.MAX_TOTAL_ELEMENTS + " values");
            }
            out.add(zero(type.trim()));
        }
        return out;
    }

    private static String zero(String type) {
        if (type.startsWith("[")) {
            int semi = type.lastIndexOf(';');
            String element = type.substring(1, semi).trim();
            int n = Integer.parseInt(type.substring(semi + 1, type.length() - 1).trim().replace("u32", ""));
            String z = zero(element);
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                s.append(i == 0 ? "" : ", ").append(z);
            }
            return s.append(']').toString();
        }
        return "boolean".equals(type) ? "false" : "0" + type;
    }
}
