package io.zkml.workbench.ui;

import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;

import java.util.Collection;
import java.util.List;

/**
 * The change that turns the text a code area shows into a newer program's text: the whole lines
 * that differ, already highlighted. It is computed on a worker thread, so the FX thread only
 * splices a few styled paragraphs in (a bit-width change alters a handful of constants, not the
 * program's tens of thousands of lines).
 *
 * @param from        first replaced character of the old text (a line start)
 * @param to          end of the replaced range in the old text (a line end)
 * @param replacement the new lines, styled
 */
record CodeEdit(int from, int to, ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> replacement) {

    static CodeEdit between(String oldText, String newText, CodeHighlighter language) {
        int shorter = Math.min(oldText.length(), newText.length());
        int prefix = 0;
        while (prefix < shorter && oldText.charAt(prefix) == newText.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix
                && oldText.charAt(oldText.length() - 1 - suffix) == newText.charAt(newText.length() - 1 - suffix)) {
            suffix++;
        }
        // Whole lines on both ends, so every token is highlighted with its full context.
        int from = newText.lastIndexOf('\n', prefix - 1) + 1;
        int newEnd = newText.indexOf('\n', newText.length() - suffix);
        if (newEnd < 0) {
            newEnd = newText.length();
        }
        int to = oldText.length() - (newText.length() - newEnd);
        return new CodeEdit(from, to, styled(newText.substring(from, newEnd), language));
    }

    /** True when the old text is already the new one. */
    boolean isEmpty() {
        return from == to && replacement.length() == 0;
    }

    private static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> styled(String text,
                                                                                            CodeHighlighter language) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> b =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        for (String line : text.split("\n", -1)) {
            b.addParagraph(language.segments(line));
        }
        return b.build();
    }
}
