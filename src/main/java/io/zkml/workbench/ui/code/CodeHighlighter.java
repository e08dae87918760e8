package io.zkml.workbench.ui.code;

import org.fxmisc.richtext.model.StyledSegment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Style spans for the two generated languages. The printers emit a small, regular subset of Leo
 * and Aleo, so a handful of token patterns colour it correctly; a real parser would add nothing.
 */
enum CodeHighlighter {

    ALEO("program|function|constructor|input|output|as|into|private|public|constant|edition"
            + "|cast(?:\\.lossy)?|add(?:\\.w)?|sub(?:\\.w)?|mul(?:\\.w)?|div|shr|shl|lt|lte|gt|gte|is\\.eq|is\\.neq"
            + "|and|or|xor|not|neg|abs|ternary|hash\\.psd[248]|assert\\.eq|assert\\.neq"),
    LEO("program|fn|transition|function|constructor|let|const|return|if|else|for|in|as|public|private");

    private static final String TYPE = "\\b(?:[iu](?:8|16|32|64|128)|field|group|scalar|bool|address)\\b";
    private static final String LITERAL = "-?\\b\\d+(?:[iu](?:8|16|32|64|128)|field|group|scalar)?\\b|\\btrue\\b|\\bfalse\\b";

    private final Pattern pattern;

    CodeHighlighter(String keywords) {
        pattern = Pattern.compile("(?<comment>//[^\\n]*)"
                + "|(?<annotation>@\\w+)"
                + "|(?<literal>" + LITERAL + ")"
                + "|(?<register>\\br\\d+\\b)"
                + "|(?<type>" + TYPE + ")"
                + "|(?<keyword>(?<![\\w.])(?:" + keywords + ")(?![\\w.]))");
    }

    private static final List<String> GROUPS = List.of("comment", "annotation", "literal", "register", "type", "keyword");

    /**
     * One line's styled segments (tokens never span lines), for building documents off the FX thread.
     *
     * <p>The code area draws every segment as its own text node, and a selection that scrolls builds the
     * nodes of a whole page of lines (issue #14), so the segments are as few as the colours allow:
     * whitespace between tokens joins the token before it (a line's indentation joins its first token), and
     * neighbours of one style merge, so {@code add r0 r1 into r2;} is five segments, not ten. Whitespace
     * draws nothing in any colour, and the code font is monospaced, so a bold or italic space is as wide as
     * a plain one: the text looks the same.
     */
    List<StyledSegment<String, Collection<String>>> segments(String line) {
        Runs runs = new Runs(line);
        Matcher m = pattern.matcher(line);
        int last = 0;
        while (m.find()) {
            String cls = GROUPS.stream().filter(g -> m.group(g) != null).findFirst().orElseThrow();
            runs.add(last, m.start(), null);
            runs.add(m.start(), m.end(), cls);
            last = m.end();
        }
        runs.add(last, line.length(), null);
        return runs.segments();
    }

    /** A line's runs of one style, built left to right; a run starts where the one before it ends. */
    private static final class Runs {
        private final String line;
        private final List<Integer> ends = new ArrayList<>();
        /** Each run's style class; null for unstyled text. */
        private final List<String> classes = new ArrayList<>();
        /** The only run so far is the line's indentation, which the next token takes. */
        private boolean indentOnly;

        Runs(String line) {
            this.line = line;
        }

        void add(int from, int to, String cls) {
            if (from == to) {
                return;
            }
            int n = ends.size();
            if (cls == null && line.substring(from, to).isBlank()) {
                if (n == 0) {
                    indentOnly = true; // stays unstyled if nothing follows
                } else {
                    ends.set(n - 1, to);
                    return;
                }
            } else if (indentOnly) {
                indentOnly = false;
                ends.set(0, to);
                classes.set(0, cls);
                return;
            } else if (n > 0 && java.util.Objects.equals(classes.get(n - 1), cls)) {
                ends.set(n - 1, to);
                return;
            }
            ends.add(to);
            classes.add(cls);
        }

        List<StyledSegment<String, Collection<String>>> segments() {
            if (ends.isEmpty()) {
                return List.of(new StyledSegment<>("", List.of()));
            }
            List<StyledSegment<String, Collection<String>>> out = new ArrayList<>(ends.size());
            int start = 0;
            for (int i = 0; i < ends.size(); i++) {
                String cls = classes.get(i);
                out.add(new StyledSegment<>(line.substring(start, ends.get(i)), cls == null ? List.of() : List.of(cls)));
                start = ends.get(i);
            }
            return out;
        }
    }
}
