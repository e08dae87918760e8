package io.zkml.workbench.codegen;

import java.util.List;
import java.util.Map;

/** A printed program and, per model layer, the lines its instructions occupy (for highlighting). */
public record PrintedProgram(String text, Map<String, List<LineSpan>> layerLines) {

    public PrintedProgram {
        layerLines = Map.copyOf(layerLines);
    }
}
