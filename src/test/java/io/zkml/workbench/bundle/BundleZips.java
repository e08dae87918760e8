package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds hostile variants of a real bundle zip, entry by entry and byte by byte. */
public final class BundleZips {

    /** A real iris-tiny bundle (format 1), written by the workbench's Prove tab. */
    public static final Path FIXTURE = Path.of("src/test/resources/io/zkml/workbench/ui/iris-tiny-row0.zip");

    /** 2026-01-01T00:00:00Z. */
    private static final long FIXED_TIME = 1_767_225_600_000L;

    private BundleZips() {
    }

    /** The fixture's entries, in zip order. */
    public static Map<String, byte[]> entries(Path zip) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                m.put(e.getName(), z.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /**
     * {@code entries} zipped with a fixed entry time, so the same entries always give the same bytes (a
     * test whose program records a file's SHA-256 then keeps its keys in the key cache between runs).
     */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME);
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The fixture with its manifest JSON edited. */
    public static byte[] withManifest(Consumer<ObjectNode> edit) {
        Map<String, byte[]> e = entries(FIXTURE);
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode m = (ObjectNode) json.readTree(e.get(ProofBundle.MANIFEST));
            edit.accept(m);
            e.put(ProofBundle.MANIFEST, json.writeValueAsBytes(m));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return zip(e);
    }

    /** The fixture with one entry replaced. */
    public static byte[] withEntry(String name, String text) {
        Map<String, byte[]> e = entries(FIXTURE);
        e.put(name, text.getBytes(StandardCharsets.UTF_8));
        return zip(e);
    }

    /**
     * The fixture with its manifest stored twice (the second one forged). ZipOutputStream refuses a
     * duplicate name, so the second is written under a same-length name and renamed in the bytes.
     */
    public static byte[] withDuplicateManifest(String forged) {
        Map<String, byte[]> e = entries(FIXTURE);
        e.put("manifest.jsoX", forged.getBytes(StandardCharsets.UTF_8));
        byte[] z = zip(e);
        byte[] from = "manifest.jsoX".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "manifest.json".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= z.length; i++) {
            boolean match = true;
            for (int j = 0; j < from.length && match; j++) {
                match = z[i + j] == from[j];
            }
            if (match) {
                System.arraycopy(to, 0, z, i, to.length);
            }
        }
        return z;
    }

    /** The fixture plus {@code entries} copies of {@code name} each inflating to {@code bytes} zeros (a few KB each stored). */
    public static byte[] bomb(String name, long bytes) {
        Map<String, byte[]> e = entries(FIXTURE);
        e.remove(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                z.putNextEntry(new ZipEntry(x.getKey()));
                z.write(x.getValue());
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            z.closeEntry();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
