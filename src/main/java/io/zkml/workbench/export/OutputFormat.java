package io.zkml.workbench.export;

import java.util.List;

/**
 * How to read the program's public outputs: either one class index ({@code class}) or fixed-point
 * logits ({@code logits}, value = integer * 2^-fracBits), with the class names when known.
 *
 * @param aleoTypes the Aleo type of each output, e.g. {@code u8} or {@code [i16; 3u32]}
 */
public record OutputFormat(String kind, int fracBits, List<String> classNames, List<String> aleoTypes) {

    public static final String CLASS = "class";
    public static final String LOGITS = "logits";

    public OutputFormat {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        aleoTypes = List.copyOf(aleoTypes);
    }

    public String labelOf(int index) {
        return index >= 0 && index < classNames.size() ? classNames.get(index) : "class " + index;
    }
}
