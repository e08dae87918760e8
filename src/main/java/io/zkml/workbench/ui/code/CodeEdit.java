package io.zkml.workbench.ui.code;

import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The changes that turn the text a code area shows into a newer program's text: the runs of whole
 * lines that differ, already highlighted. Computed on a worker thread, so the FX thread only
 * splices a few styled paragraphs in.
 *
 * <p>Line by line, not one span from the first difference to the last: a bit-width change alters a
 * few dozen lines, but one of them is near the top of the program and one near the end, so a single
 * span re-highlighted and re-spliced all 4 MB of fashion-cnn's text on every change.
 *
 * @param hunks the changed line runs, in text order, with offsets in the old text
 */
record CodeEdit(List<Hunk> hunks) {

    /** At most this many separate splices; beyond, nearby runs merge (one multi-change stays cheap). */
    static final int MAX_HUNKS = 256;

    /**
     * One run of whole lines replaced.
     *
     * @param from        first replaced character of the old text (a line start)
     * @param to          end of the replaced range in the old text (a line end)
     * @param replacement the new lines, styled
     */
    record Hunk(int from, int to, ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> replacement) {
    }

    CodeEdit {
        hunks = List.copyOf(hunks);
    }

    static CodeEdit between(String oldText, String newText, CodeHighlighter language) {
        Lines o = new Lines(oldText);
        Lines n = new Lines(newText);
        int prefix = 0;
        while (prefix < o.count() && prefix < n.count() && same(o, prefix, n, prefix)) {
            prefix++;
        }
        if (prefix == o.count() && prefix == n.count()) {
            return new CodeEdit(List.of());
        }
        int suffix = 0;
        while (suffix < o.count() - prefix && suffix < n.count() - prefix
                && same(o, o.count() - 1 - suffix, n, n.count() - 1 - suffix)) {
            suffix++;
        }
        int oldEnd = o.count() - suffix;
        int newEnd = n.count() - suffix;
        List<int[]> runs = new ArrayList<>(); // {oldFrom, oldTo, newFrom, newTo} in lines, ends exclusive
        if (oldEnd - prefix == newEnd - prefix) {
            // Same number of lines in between (a changed constant, not a changed structure): only the
            // lines that differ, runs closer than `gap` merged until there are few enough.
            for (int gap = 0; runs.isEmpty() || runs.size() > MAX_HUNKS; gap = gap * 2 + 1) {
                runs.clear();
                for (int i = prefix; i < oldEnd; i++) {
                    if (same(o, i, n, i)) {
                        continue;
                    }
                    int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                    if (last != null && i - last[1] <= gap) {
                        last[1] = i + 1;
                        last[3] = i + 1;
                    } else {
                        runs.add(new int[] {i, i + 1, i, i + 1});
                    }
                }
            }
        } else {
            // Lines added or removed: one run; a run must hold at least one line on each side.
            int from = prefix;
            if (from == oldEnd || from == newEnd) {
                if (from > 0) {
                    from--;
                } else {
                    oldEnd++;
                    newEnd++;
                }
            }
            runs.add(new int[] {from, oldEnd, from, newEnd});
        }
        List<Hunk> hunks = new ArrayList<>(runs.size());
        for (int[] r : runs) {
            hunks.add(new Hunk(o.start(r[0]), o.end(r[1] - 1),
                    styled(newText.substring(n.start(r[2]), n.end(r[3] - 1)), language)));
        }
        return new CodeEdit(hunks);
    }

    /** True when the old text is already the new one. */
    boolean isEmpty() {
        return hunks.isEmpty();
    }

    private static boolean same(Lines a, int i, Lines b, int j) {
        int len = a.end(i) - a.start(i);
        return len == b.end(j) - b.start(j) && a.text.regionMatches(a.start(i), b.text, b.start(j), len);
    }

    /** Where each line of a text starts and ends (a text of k newlines has k + 1 lines). */
    private static final class Lines {
        final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            int k = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
        }

        int count() {
            return starts.length;
        }

        int start(int line) {
            return starts[line];
        }

        /** End of the line, before its newline. */
        int end(int line) {
            return line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        }
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
