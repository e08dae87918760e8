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
    /** The span of lines last written for a layer, still open to the next line of the same layer (null: none). */
    private String openLayer;
    private int openFirst;
    private int openLast;
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

    /** Whether only the text's size is kept ({@link #measuring}). */
    boolean measures() {
        return text == null;
    }

    /**
     * A line of a {@link #measuring} sink, counted by its writer: {@code written} characters, {@code snarkVm} as
     * snarkVM prints it back (what {@link #line(String)} would find in it).
     */
    void measured(long written, long snarkVm) {
        if (text != null) {
            throw new IllegalStateException("a sink that keeps the text is given lines, not their lengths");
        }
        this.written += written + 1;
        this.snarkVm += snarkVm + 1;
        line++;
    }

    /** A line belonging to a layer; consecutive lines of one layer merge into one span. */
    void line(String s, String layer) {
        line(s);
        if (text == null) {
            return;
        }
        // The span being extended is held open (most lines continue their layer's): a span is made and
        // filed once it ends, not replaced at every line. The spans come out as before.
        if (openLayer != null && openLast == line - 1 && openLayer.equals(layer)) {
            openLast = line;
            return;
        }
        closeSpan();
        openLayer = layer;
        openFirst = line;
        openLast = line;
    }

    private void closeSpan() {
        if (openLayer != null) {
            spans.computeIfAbsent(openLayer, k -> new ArrayList<>()).add(new LineSpan(openFirst, openLast));
            openLayer = null;
        }
    }

    /** What a {@link #measuring} sink measured. */
    ProgramSize size() {
        return new ProgramSize(written, snarkVm);
    }

    PrintedProgram result() {
        closeSpan();
        return new PrintedProgram(text.toString(), spans);
    }
}
