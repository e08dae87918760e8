package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects printed lines and records which lines each layer produced. Shared by both printers. */
final class TextSink {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, List<LineSpan>> spans = new LinkedHashMap<>();
    private int line;

    void line(String s) {
        text.append(s).append('\n');
        line++;
    }

    /** A line belonging to a layer; consecutive lines of one layer merge into one span. */
    void line(String s, String layer) {
        line(s);
        List<LineSpan> list = spans.computeIfAbsent(layer, k -> new ArrayList<>());
        LineSpan last = list.isEmpty() ? null : list.get(list.size() - 1);
        if (last != null && last.last() == line - 1) {
            list.set(list.size() - 1, new LineSpan(last.first(), line));
        } else {
            list.add(new LineSpan(line, line));
        }
    }

    PrintedProgram result() {
        return new PrintedProgram(text.toString(), spans);
    }
}
