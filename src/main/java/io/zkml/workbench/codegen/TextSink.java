package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects printed lines and records which lines each layer produced. Shared by both printers. */
final class TextSink {

    /** The text, or null when only its size is measured. */
    private final StringBuilder text;
    private final Map<String, List<LineSpan>> spans = new LinkedHashMap<>();
    private int line;
    private long written;
    private long snarkVm;
    /** Per negative field literal's digits, its residue's length ({@link AleoPrinter#snarkVmLength}). */
    private final Map<String, Integer> residueLengths = new HashMap<>();

    TextSink() {
        this(true);
    }

    private TextSink(boolean keep) {
        text = keep ? new StringBuilder() : null;
    }

    /** A sink that keeps no text and no spans, only the text's size ({@link #size}). */
    static TextSink measuring() {
        return new TextSink(false);
    }

    void line(String s) {
        if (text != null) {
            text.append(s).append('\n');
        } else {
            // A line's share of snarkVM's length is the line's own plus its newline: comment lines and
            // negative field literals never span lines, so the sum is the length of the whole text.
            written += s.length() + 1;
            snarkVm += AleoPrinter.snarkVmLength(s, residueLengths) + 1;
        }
        line++;
    }

    /** A line belonging to a layer; consecutive lines of one layer merge into one span. */
    void line(String s, String layer) {
        line(s);
        if (text == null) {
            return;
        }
        List<LineSpan> list = spans.computeIfAbsent(layer, k -> new ArrayList<>());
        LineSpan last = list.isEmpty() ? null : list.get(list.size() - 1);
        if (last != null && last.last() == line - 1) {
            list.set(list.size() - 1, new LineSpan(last.first(), line));
        } else {
            list.add(new LineSpan(line, line));
        }
    }

    /** What a {@link #measuring} sink measured. */
    ProgramSize size() {
        return new ProgramSize(written, snarkVm);
    }

    PrintedProgram result() {
        return new PrintedProgram(text.toString(), spans);
    }
}
