package io.zkml.workbench.bundle;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aleo plaintext types as a bundle may declare them (in its manifest or its program's inputs),
 * checked against Aleo's grammar and snarkVM's limits before anything is built from them: a literal
 * type, or {@code [T; Nu32]} with 1 ≤ N ≤ {@link #MAX_ARRAY_ELEMENTS}, nested at most
 * {@link #MAX_DEPTH} deep, and at most {@link #MAX_TOTAL_ELEMENTS} scalars in all. Anything else
 * (free text, a struct the generator never writes, a two-billion-element array) is refused, so no
 * caller ever allocates from an attacker's number.
 */
public final class AleoTypes {

    /** snarkVM's MAX_ARRAY_ELEMENTS from consensus V14 on (see circuit.AleoLimits). */
    public static final int MAX_ARRAY_ELEMENTS = 2048;
    /** snarkVM's MAX_DATA_DEPTH. */
    public static final int MAX_DEPTH = 32;
    /** Scalars in one value; far above any program that fits the SRS, small enough to build zero inputs for. */
    public static final long MAX_TOTAL_ELEMENTS = 1L << 20;
    /** Characters of one type; a legitimate one is a few dozen. */
    public static final int MAX_LENGTH = 512;

    private static final Set<String> LITERALS = Set.of("address", "boolean", "field", "group", "scalar", "signature",
            "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128");
    private static final Pattern LENGTH = Pattern.compile("\\s*([0-9]{1,10})u32\\s*\\]");

    /** A parsed type: the literal at the bottom and how many scalars a value of it holds. */
    public record Type(String literal, long elements, int depth) {
    }

    private AleoTypes() {
    }

    /** @throws IllegalArgumentException naming what is wrong, for a type outside the grammar or the limits */
    public static Type parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("the type is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the type is " + text.length() + " characters long (at most " + MAX_LENGTH + ")");
        }
        int[] at = {0};
        Type t = parse(text.trim(), at, 0);
        if (at[0] != text.trim().length()) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an Aleo type (unexpected text at character " + (at[0] + 1) + ")");
        }
        return t;
    }

    private static Type parse(String s, int[] at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("'" + shown(s) + "' nests arrays deeper than " + MAX_DEPTH);
        }
        skipSpace(s, at);
        if (at[0] < s.length() && s.charAt(at[0]) == '[') {
            at[0]++;
            Type element = parse(s, at, depth + 1);
            skipSpace(s, at);
            if (at[0] >= s.length() || s.charAt(at[0]) != ';') {
                throw new IllegalArgumentException("'" + shown(s) + "' is not an Aleo array type ([T; Nu32])");
            }
            at[0]++;
            Matcher m = LENGTH.matcher(s);
            m.region(at[0], s.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("'" + shown(s) + "' is not an Aleo array type: the length must be Nu32");
            }
            long n = Long.parseLong(m.group(1));
            if (n < 1 || n > MAX_ARRAY_ELEMENTS) {
                throw new IllegalArgumentException("'" + shown(s) + "' declares " + n + " array elements; Aleo allows 1 to "
                        + MAX_ARRAY_ELEMENTS);
            }
            at[0] = m.end();
            long total = element.elements() * n;
            if (total > MAX_TOTAL_ELEMENTS) {
                throw new IllegalArgumentException("'" + shown(s) + "' holds " + total + " values; at most "
                        + MAX_TOTAL_ELEMENTS + " are accepted");
            }
            return new Type(element.literal(), total, element.depth() + 1);
        }
        int start = at[0];
        while (at[0] < s.length() && Character.isLetterOrDigit(s.charAt(at[0]))) {
            at[0]++;
        }
        String word = s.substring(start, at[0]);
        if (!LITERALS.contains(word)) {
            throw new IllegalArgumentException("'" + shown(s) + "' is not an Aleo type ('" + shown(word)
                    + "' is not one of " + String.join(", ", LITERALS.stream().sorted().toList()) + ")");
        }
        return new Type(word, 1, 0);
    }

    private static void skipSpace(String s, int[] at) {
        while (at[0] < s.length() && s.charAt(at[0]) == ' ') {
            at[0]++;
        }
    }

    /** Attacker text in a message: cut short and without control characters. */
    static String shown(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
