package io.zkml.workbench.ui.code;

import org.fxmisc.richtext.model.StyledSegment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The Code tab's highlighting: every character keeps its token's colour, and whitespace never makes a
 * segment of its own (each segment is a text node the area builds when a line scrolls into view, issue #14).
 */
class CodeHighlighterTest {

    @Test
    void whitespaceJoinsTheTokenBeforeItAndTheIndentationTheFirstToken() {
        assertEquals("keyword[    xor ] register[r0] [[] literal[0u32] [] ] literal[-32768i16 ] keyword[into ] register[r1] [;]",
                show(CodeHighlighter.ALEO.segments("    xor r0[0u32] -32768i16 into r1;")));
        // Registers one space apart are one segment.
        assertEquals("keyword[add ] register[r0 r1 ] keyword[into ] register[r2] [;]",
                show(CodeHighlighter.ALEO.segments("add r0 r1 into r2;")));
        assertEquals("keyword[        let] [ layer0_f: ] type[field] [ = layer0_s ] keyword[as ] type[field] [;]",
                show(CodeHighlighter.LEO.segments("        let layer0_f: field = layer0_s as field;")));
        assertEquals("comment[        // layer0]", show(CodeHighlighter.LEO.segments("        // layer0")));
        assertEquals("[    }]", show(CodeHighlighter.LEO.segments("    }")));
    }

    @Test
    void blankAndEmptyLinesAreOnePlainSegment() {
        assertEquals("[]", show(CodeHighlighter.ALEO.segments("")));
        assertEquals("[   ]", show(CodeHighlighter.LEO.segments("   ")));
    }

    /** On real programs: the segments spell the line, and no segment is whitespace alone or repeats its neighbour's style. */
    @Test
    void segmentsOfRealProgramsCoverEachLineWithFewestSegments() throws Exception {
        Path dir = Path.of("src/test/resources/golden/samples/iris-tiny/constant");
        for (var c : List.of(new Object[] {CodeHighlighter.ALEO, "main.aleo"}, new Object[] {CodeHighlighter.LEO, "main.leo"})) {
            CodeHighlighter h = (CodeHighlighter) c[0];
            List<String> lines = Files.readAllLines(dir.resolve((String) c[1]));
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                List<StyledSegment<String, Collection<String>>> s = h.segments(line);
                assertEquals(line, s.stream().map(StyledSegment::getSegment).collect(Collectors.joining()), line);
                for (int i = 0; i < s.size(); i++) {
                    if (s.size() > 1) {
                        assertFalse(s.get(i).getSegment().isBlank(), "a whitespace segment in: " + line);
                    }
                    if (i > 0) {
                        assertNotEquals(s.get(i - 1).getStyle(), s.get(i).getStyle(), "two segments of one style in: " + line);
                    }
                }
            }
        }
    }

    private static String show(List<StyledSegment<String, Collection<String>>> segments) {
        return segments.stream().map(s -> String.join(",", s.getStyle()) + "[" + s.getSegment() + "]")
                .collect(Collectors.joining(" "));
    }
}
