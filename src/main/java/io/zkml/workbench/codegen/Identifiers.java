package io.zkml.workbench.codegen;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns model layer names into identifiers both Aleo and Leo accept. */
public final class Identifiers {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    /** Leo and Aleo keywords and type names a layer could be called. */
    private static final Set<String> RESERVED = Set.of(
            "address", "aleo", "as", "assert", "assert_eq", "assert_neq", "async", "block", "bool", "boolean",
            "const", "constant", "constructor", "else", "false", "field", "fn", "for", "function", "future",
            "group", "i8", "i16", "i32", "i64", "i128", "if", "import", "in", "inline", "input", "let", "mapping",
            "network", "output", "private", "program", "public", "record", "return", "scalar", "self",
            "signature", "string", "struct", "transition", "true", "u8", "u16", "u32", "u64", "u128", "main");

    private Identifiers() {
    }

    /** Lower-case letters, digits and single underscores, starting with a letter; never a keyword. */
    public static String sanitize(String raw) {
        if (raw != null && isPlain(raw)) {
            // Already an identifier (the lowering's roles, "p17", "acc3_lo"): every character is kept, none
            // lowered or joined, so only a keyword changes. Saves a copy per register of a large layer.
            return sanitizePlain(raw);
        }
        // By hand, not replaceAll: the lowering names every register through this (a fashion-cnn compile
        // spent a twentieth of its time in the two regexes). Runs of other characters become one
        // underscore; none leads or trails.
        String lower = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && b.length() > 0) {
                    b.append('_');
                }
                gap = false;
                b.append(c);
            } else {
                gap = true;
            }
        }
        String s = b.toString();
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "l" + (s.isEmpty() ? "" : "_" + s);
        }
        return RESERVED.contains(s) ? s + "_v" : s;
    }

    /** {@link #sanitize} of a name {@link #isPlain} already: itself, or a keyword made not one. */
    static String sanitizePlain(String plain) {
        return RESERVED.contains(plain) ? plain + "_v" : plain;
    }

    /**
     * Lower-case letters and digits, starting with a letter, with single underscores between them ({@link #VALID}):
     * what sanitize keeps as it is (a run of other characters becomes one underscore, so a single one inside is
     * kept). The lowering's roles are such ("p17", "acc3_below").
     */
    static boolean isPlain(String raw) {
        if (raw.isEmpty() || raw.charAt(0) < 'a' || raw.charAt(0) > 'z') {
            return false;
        }
        boolean underscore = false;
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '_') {
                if (underscore) {
                    return false;
                }
                underscore = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                underscore = false;
            } else {
                return false;
            }
        }
        return !underscore;
    }

    /** A program name: also may not contain "aleo", which snarkVM rejects inside program names. */
    public static String programName(String raw) {
        String s = sanitize(raw).replace("aleo", "a_l_e_o");
        return s.replaceAll("_+", "_");
    }

    public static void requireAleoIdentifier(String s, String what) {
        if (s == null || !VALID.matcher(s).matches()) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a valid Aleo identifier");
        }
    }
}
