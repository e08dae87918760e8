package io.zkml.workbench.ui.code;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line diff the Code tab splices in: applied to the old text it gives the new one, and it stays small. */
class CodeEditTest {

    @Test
    void aFewChangedLinesFarApartAreAFewSmallHunks() {
        List<String> lines = IntStream.range(0, 10_000).mapToObj(i -> "mul r" + i + " 12i64 into r" + (i + 1) + ";")
                .collect(Collectors.toList());
        String before = String.join("\n", lines);
        lines.set(3, "// spec sha256 changed");
        lines.set(5_000, "mul r5000 13i64 into r5001;");
        lines.set(9_998, "output r9999 as i64.private;");
        String after = String.join("\n", lines);

        CodeEdit edit = CodeEdit.between(before, after, CodeHighlighter.ALEO);
        assertEquals(3, edit.hunks().size(), "one run per changed line, not one span from the first to the last");
        assertEquals(3, edit.hunks().stream().mapToInt(h -> h.replacement().getParagraphs().size()).sum());
        assertEquals(after, apply(before, edit));
    }

    @Test
    void manyScatteredChangesMergeIntoAtMostTheHunkBudget() {
        List<String> lines = IntStream.range(0, 20_000).mapToObj(i -> "add r" + i + " 1i64 into r" + (i + 1) + ";")
                .collect(Collectors.toList());
        String before = String.join("\n", lines);
        for (int i = 0; i < lines.size(); i += 3) {
            lines.set(i, lines.get(i).replace("1i64", "2i64"));
        }
        String after = String.join("\n", lines);
        CodeEdit edit = CodeEdit.between(before, after, CodeHighlighter.ALEO);
        assertTrue(edit.hunks().size() <= CodeEdit.MAX_HUNKS, edit.hunks().size() + " hunks");
        assertEquals(after, apply(before, edit));
    }

    @Test
    void addedRemovedAndIdenticalTextsAllApply() {
        Random r = new Random(5);
        String[] texts = {"", "a", "a\nb", "a\nb\n", "\n", "a\nx\nb", "x\na\nb", "a\nb\nx", "b", "a\n\nb\nc\nd"};
        for (String a : texts) {
            for (String b : texts) {
                CodeEdit edit = CodeEdit.between(a, b, CodeHighlighter.LEO);
                assertEquals(b, apply(a, edit), "from '" + a + "' to '" + b + "'");
                assertEquals(a.equals(b), edit.isEmpty());
            }
        }
        for (int k = 0; k < 200; k++) {
            String a = randomText(r);
            String b = randomText(r);
            assertEquals(b, apply(a, CodeEdit.between(a, b, CodeHighlighter.ALEO)));
        }
    }

    private static String randomText(Random r) {
        StringBuilder s = new StringBuilder();
        int lines = r.nextInt(12);
        for (int i = 0; i < lines; i++) {
            s.append("abc".charAt(r.nextInt(3)));
            if (i + 1 < lines || r.nextBoolean()) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** What the area does: every hunk at its offset in the old text (applied from the end). */
    private static String apply(String text, CodeEdit edit) {
        StringBuilder s = new StringBuilder(text);
        for (int i = edit.hunks().size() - 1; i >= 0; i--) {
            CodeEdit.Hunk h = edit.hunks().get(i);
            s.replace(h.from(), h.to(), h.replacement().getText());
        }
        return s.toString();
    }
}
