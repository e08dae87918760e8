package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.io.FileHashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Read-only view of the sidecar's key cache (src/sidecar/key-cache.mjs): entries are named by
 * SHA-256(program text + "\0" + function), and the {@code .json} file marks a complete entry.
 */
public record KeyCache(Path dir) {

    /** Suffix of the small record of a derived verifying key's hash (no proving key stored). */
    public static final String VK_HASH = ".vkhash";

    public static String keyId(String program, String function) {
        return FileHashes.sha256((program + "\0" + function).getBytes(StandardCharsets.UTF_8));
    }

    public boolean contains(String program, String function) {
        return Files.isRegularFile(dir.resolve(keyId(program, function) + ".json"));
    }

    /**
     * The verifying key cached for exactly this program text, if synthesized before and intact
     * (its SHA-256 matches the one recorded with the entry; key-cache.mjs discards it otherwise).
     */
    public Optional<String> verifyingKey(String program, String function) {
        Path f = dir.resolve(keyId(program, function) + ".verifier");
        if (!contains(program, function) || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(f);
            String recorded = new ObjectMapper().readTree(dir.resolve(keyId(program, function) + ".json").toFile())
                    .path("verifierSha256").asText("");
            if (!recorded.equals(FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8)))) {
                return Optional.empty();
            }
            return Optional.of(text.trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The SHA-256 of the verifying key derived for exactly this program text when a bundle of it was
     * last verified ({@code <id>.vkhash}, 65 bytes): verifying untrusted bundles records this instead
     * of a 27 MB proving key.
     */
    public Optional<String> verifyingKeyHash(String program, String function) {
        Path f = dir.resolve(keyId(program, function) + VK_HASH);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > 200) {
                return Optional.empty();
            }
            String h = Files.readString(f).trim();
            return h.matches("[0-9a-f]{64}") ? Optional.of(h) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records {@link #verifyingKeyHash}; a cache folder that cannot be written only costs a later re-derivation. */
    public boolean recordVerifyingKey(String program, String function, String verifyingKey) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(keyId(program, function) + VK_HASH), hashOf(verifyingKey) + "\n");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static String hashOf(String verifyingKey) {
        return FileHashes.sha256(verifyingKey.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The circuit snarkVM synthesized for this program text, if cached. */
    public Optional<CircuitInfo> circuit(String program, String function) {
        Path f = dir.resolve(keyId(program, function) + ".json");
        try {
            var n = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readTree(f.toFile());
            return Optional.of(new CircuitInfo(n.path("constraints").asLong(), n.path("variables").asLong(),
                    n.path("nonZeroA").asLong(), n.path("nonZeroB").asLong(), n.path("nonZeroC").asLong()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
