package io.zkml.workbench.ui;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.model.StyleSpansBuilder;

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

    StyleSpans<Collection<String>> spans(String text) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            String cls = GROUPS.stream().filter(g -> m.group(g) != null).findFirst().orElseThrow();
            b.add(List.of(), m.start() - last);
            b.add(List.of(cls), m.end() - m.start());
            last = m.end();
        }
        b.add(List.of(), text.length() - last);
        return b.create();
    }

    /** One line's styled segments (tokens never span lines), for building documents off the FX thread. */
    List<StyledSegment<String, Collection<String>>> segments(String line) {
        List<StyledSegment<String, Collection<String>>> out = new ArrayList<>();
        Matcher m = pattern.matcher(line);
        int last = 0;
        while (m.find()) {
            String cls = GROUPS.stream().filter(g -> m.group(g) != null).findFirst().orElseThrow();
            if (m.start() > last) {
                out.add(new StyledSegment<>(line.substring(last, m.start()), List.of()));
            }
            out.add(new StyledSegment<>(m.group(), List.of(cls)));
            last = m.end();
        }
        if (last < line.length() || out.isEmpty()) {
            out.add(new StyledSegment<>(line.substring(last), List.of()));
        }
        return out;
    }
}
