package io.zkml.workbench.quant;

import io.zkml.workbench.io.BoundedText;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link QuantSpec} JSON. Writes are atomic so a crash never leaves half a spec. */
public final class QuantSpecJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson(QuantSpec spec) {
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise quantization spec", e);
        }
    }

    /** Parses a spec; {@code source} names where the text came from, for the error message. */
    public QuantSpec fromJson(String json, String source) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new QuantSpecFormatException(source + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new QuantSpecFormatException(source + ": a quantization spec must be a JSON object", null);
        }
        return fromTree(tree, source);
    }

    /**
     * Binds a parsed spec (also the one embedded in a project), after checking its shape field by
     * field so that every refusal names the field, the layer and the allowed values rather than
     * repeating Jackson's internals.
     */
    public QuantSpec fromTree(JsonNode tree, String source) {
        new QuantSpecShape(source).check(tree);
        try {
            return mapper.treeToValue(tree, QuantSpec.class);
        } catch (JsonMappingException e) {
            throw new QuantSpecFormatException(source + ": invalid quantization spec: " + QuantSpecShape.where(e)
                    + QuantSpecShape.reason(e), e);
        } catch (JsonProcessingException e) {
            throw new QuantSpecFormatException(source + ": invalid quantization spec: " + e.getOriginalMessage(), e);
        }
    }

    public QuantSpec read(Path file) throws IOException {
        return fromJson(BoundedText.read(file), file.toString());
    }

    public void write(QuantSpec spec, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(spec));
    }

    /** A spec file that cannot be read; the message names the file. */
    public static final class QuantSpecFormatException extends WorkbenchException {
        public QuantSpecFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
