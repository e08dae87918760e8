package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Spelling and reading of the integer literals and arrays the generated programs take and return. */
public final class AleoValues {

    private AleoValues() {
    }

    /** {@code [3i16, -2i16]} for an array type, {@code 3u8} for a scalar one. */
    public static String literal(long[] values, String elementType, boolean array) {
        if (!array) {
            return values[0] + elementType;
        }
        List<String> parts = new ArrayList<>();
        for (long v : values) {
            parts.add(v + elementType);
        }
        return parts.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** The integers of a literal or array of integer literals; their type suffixes are dropped. */
    public static long[] integers(String text) {
        String t = text.trim();
        if (t.startsWith("[")) {
            if (!t.endsWith("]")) {
                throw new WorkbenchException("'" + text + "' is not an Aleo array");
            }
            t = t.substring(1, t.length() - 1);
        }
        String[] parts = t.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = integer(parts[i].trim());
        }
        return out;
    }

    private static long integer(String literal) {
        int end = literal.length();
        int typeAt = -1;
        for (int i = 1; i < end; i++) {
            char c = literal.charAt(i);
            if (c == 'i' || c == 'u') {
                typeAt = i;
                break;
            }
        }
        if (typeAt < 0) {
            throw new WorkbenchException("'" + literal + "' is not an Aleo integer literal (like 3i16 or 2u8)");
        }
        try {
            return Long.parseLong(literal.substring(0, typeAt));
        } catch (NumberFormatException e) {
            throw new WorkbenchException("'" + literal + "' is not an Aleo integer literal (like 3i16 or 2u8)");
        }
    }

    /** The element type of {@code [i16; 4u32]}, or the type itself for a scalar. */
    public static String elementType(String aleoType) {
        String t = aleoType.trim();
        return t.startsWith("[") ? t.substring(1, t.indexOf(';')).trim() : t;
    }

    public static boolean isArray(String aleoType) {
        return aleoType.trim().startsWith("[");
    }

    public static int arrayLength(String aleoType) {
        String t = aleoType.trim();
        String n = t.substring(t.indexOf(';') + 1, t.length() - 1).trim();
        return Integer.parseInt(n.replace("u32", ""));
    }
}
