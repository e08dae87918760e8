package io.zkml.workbench.quant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        // Checked before binding so an old or future file gets a version message, not a field error.
        JsonNode v = tree.get("version");
        if (v == null || !v.canConvertToInt()) {
            throw new QuantSpecFormatException(source + ": missing or non-integer \"version\"", null);
        }
        if (v.asInt() != QuantSpec.CURRENT_VERSION) {
            throw new QuantSpecFormatException(source + ": unsupported quantization spec version " + v.asInt()
                    + " (this build reads version " + QuantSpec.CURRENT_VERSION + ")", null);
        }
        try {
            return mapper.treeToValue(tree, QuantSpec.class);
        } catch (JsonProcessingException e) {
            String msg = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            throw new QuantSpecFormatException(source + ": invalid quantization spec: " + msg, e);
        }
    }

    public QuantSpec read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    public void write(QuantSpec spec, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson(spec));
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A spec file that cannot be read; the message names the file. */
    public static final class QuantSpecFormatException extends RuntimeException {
        public QuantSpecFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
