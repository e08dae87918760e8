package io.zkml.workbench.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    /** sanitize's regex spelling before it was written by hand (the lowering calls it per register), without the reserved words. */
    private static String byRegex(String raw) {
        String s = raw == null ? "" : raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        s = s.replaceAll("^_+|_+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "l" + (s.isEmpty() ? "" : "_" + s);
        }
        return s;
    }

    @Test
    void sanitizeKeepsLettersAndDigitsAndJoinsTheRestIntoSingleUnderscores() {
        assertEquals("conv_2d_1", Identifiers.sanitize("Conv--2D__1"));
        assertEquals("dense", Identifiers.sanitize("__dense__"));
        assertEquals("l_3x", Identifiers.sanitize("3x"));
        assertEquals("l", Identifiers.sanitize(null));
        assertEquals("l", Identifiers.sanitize("___"));
        assertEquals("input_v", Identifiers.sanitize("input"));
        assertEquals("caf", Identifiers.sanitize("Café"));
        assertEquals("p17", Identifiers.sanitize("p17")); // plain already: returned as it is
        assertEquals("main_v", Identifiers.sanitize("main"));
        assertEquals("acc3_below", Identifiers.sanitize("acc3_below")); // plain with single underscores too
        assertEquals("a_b", Identifiers.sanitize("a__b"));
        assertEquals("a", Identifiers.sanitize("a_"));
        assertEquals("l_1_a", Identifiers.sanitize("_1_a"));
        assertEquals("assert_eq_v", Identifiers.sanitize("assert_eq"));
        for (String plain : new String[] {"p17", "acc3_below", "a_1_b2", "x"}) {
            assertEquals(true, Identifiers.isPlain(plain), plain);
        }
        for (String not : new String[] {"", "_a", "a_", "a__b", "A", "1a", "a-b", "a b", "aé"}) {
            assertEquals(false, Identifiers.isPlain(not), not);
        }
    }

    @Test
    void sanitizeAgreesWithTheRegexSpellingOnRandomNames() {
        String alphabet = "aZ09_-. /éß😀İ";
        Random random = new Random(11);
        for (int trial = 0; trial < 5_000; trial++) {
            StringBuilder raw = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                raw.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            // The alphabet spells no reserved word, so the "_v" suffix never applies here.
            assertEquals(byRegex(raw.toString()), Identifiers.sanitize(raw.toString()), raw::toString);
        }
    }
}
