package io.zkml.workbench.quant;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a spec's JSON tree before it is bound to {@link QuantSpec}: the version is exactly the
 * integer this build reads (1.9 is not 1), every required field is present with the right JSON
 * type, and integers lie in their allowed ranges. Each refusal names the file, the layer and the
 * field, and says what is allowed — the user edits these files by hand.
 */
final class QuantSpecShape {

    /** More layers than any network that fits an Aleo program; bounds the work on a hostile file. */
    static final int MAX_LAYERS = 10_000;
    static final int MAX_NAME_LENGTH = 200;

    private final String source;

    QuantSpecShape(String source) {
        this.source = source;
    }

    void check(JsonNode tree) {
        // The version first, so an old or future file gets a version message, not a field error.
        JsonNode v = tree.get("version");
        if (v == null || !v.isIntegralNumber()) {
            throw fail("\"version\" must be the integer " + QuantSpec.CURRENT_VERSION + (v == null ? ", it is missing"
                    : ", got " + abbreviate(v.toString())));
        }
        if (!v.canConvertToInt() || v.asInt() != QuantSpec.CURRENT_VERSION) {
            throw fail("unsupported quantization spec version " + abbreviate(v.asText()) + " (this build reads version "
                    + QuantSpec.CURRENT_VERSION + ")");
        }
        integer(tree, "inputFracBits", "", LayerQuant.MIN_FRAC_BITS, LayerQuant.MAX_FRAC_BITS, true);
        integer(tree, "inputBits", "", 2, 48, true);
        JsonNode fold = tree.get("foldBatchNorm");
        if (fold == null || !fold.isBoolean()) {
            throw fail("\"foldBatchNorm\" must be true or false" + got(fold));
        }
        JsonNode layers = tree.get("layers");
        if (layers == null || !layers.isObject()) {
            throw fail("\"layers\" must be an object with one entry per layer name" + got(layers));
        }
        if (layers.size() > MAX_LAYERS) {
            throw fail("\"layers\" has " + layers.size() + " entries; at most " + MAX_LAYERS + " are allowed");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                throw fail("a layer name must be 1.." + MAX_NAME_LENGTH + " characters, got \"" + abbreviate(name)
                        + "\"");
            }
            layer(name, e.getValue());
        }
    }

    private void layer(String name, JsonNode q) {
        String where = "layer '" + abbreviate(name) + "': ";
        if (q == null || !q.isObject()) {
            throw fail(where + "the settings must be an object" + got(q));
        }
        integer(q, "weightFracBits", where, LayerQuant.MIN_FRAC_BITS, LayerQuant.MAX_FRAC_BITS, true);
        integer(q, "activationFracBits", where, LayerQuant.MIN_FRAC_BITS, LayerQuant.MAX_FRAC_BITS, true);
        integer(q, "biasFracBits", where, LayerQuant.MIN_FRAC_BITS, LayerQuant.MAX_FRAC_BITS, false);
        integer(q, "activationBits", where, 2, 48, true);
        choice(q, "domain", where, Domain.values());
        choice(q, "rounding", where, Rounding.values());
        choice(q, "boundMode", where, BoundMode.values());
        choice(q, "outputMode", where, OutputMode.values());
        JsonNode a = q.get("approximation");
        if (a != null && !a.isNull() && !a.isObject()) {
            throw fail(where + "\"approximation\" must be an object like {\"kind\": \"PIECEWISE_LINEAR\","
                    + " \"segments\": 32}" + got(a));
        }
    }

    private void integer(JsonNode node, String field, String where, int min, int max, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail(where + "missing field \"" + field + "\" (an integer, " + min + ".." + max + ")");
            }
            return;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw fail(where + "\"" + field + "\" must be an integer " + min + ".." + max + got(v));
        }
    }

    private void choice(JsonNode node, String field, String where, Enum<?>[] values) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        boolean known = v.isTextual() && Arrays.stream(values).anyMatch(x -> x.name().equals(v.asText()));
        if (!known) {
            throw fail(where + "\"" + field + "\" must be one of " + Arrays.stream(values).map(Enum::name)
                    .collect(Collectors.joining(", ")) + got(v));
        }
    }

    private QuantSpecJson.QuantSpecFormatException fail(String what) {
        return new QuantSpecJson.QuantSpecFormatException(source + ": invalid quantization spec: " + what, null);
    }

    private static String got(JsonNode v) {
        return v == null ? ", it is missing" : ", got " + abbreviate(v.toString());
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    /** "layer 'dense0', field 'x': " from Jackson's path, for errors found while binding. */
    static String where(JsonMappingException e) {
        var path = e.getPath();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            String f = path.get(i).getFieldName();
            if (f == null) {
                continue;
            }
            if (i == 1 && "layers".equals(path.get(0).getFieldName())) {
                s.append("layer '").append(abbreviate(f)).append("', ");
            } else if (!(i == 0 && "layers".equals(f) && path.size() > 1)) {
                s.append("field \"").append(f).append("\", ");
            }
        }
        return s.length() == 0 ? "" : s.substring(0, s.length() - 2) + ": ";
    }

    /** The readable part of a binding error: a value check's own sentence, else Jackson's short one. */
    static String reason(JsonMappingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field \"" + abbreviate(u.getPropertyName()) + "\"; known fields: "
                    + u.getKnownPropertyIds();
        }
        if (e instanceof InvalidFormatException f) {
            return "the value " + abbreviate(String.valueOf(f.getValue())) + " is not allowed here";
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
