package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A proof and everything an auditor needs to check it, as one zip (or the same files in a folder).
 *
 * @param execution    snarkVM's execution JSON, with the proof
 * @param verifyingKey the function's verifying key ({@code verifier1…})
 * @param quantJson    the quantization spec the program was generated with (for re-export)
 */
public record ProofBundle(BundleManifest manifest, String mainAleo, String mainLeo, String execution,
                          String verifyingKey, String quantJson) {

    public static final String MANIFEST = "manifest.json";
    public static final String ALEO = "main.aleo";
    public static final String LEO = "main.leo";
    public static final String EXECUTION = "execution.json";
    public static final String VERIFYING_KEY = "verifying_key.txt";
    public static final String QUANT = "quant.json";

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Writes the zip atomically: a reader sees no bundle or a complete one. */
    public void writeZip(Path zip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            put(out, MANIFEST, json().writeValueAsString(manifest) + "\n");
            put(out, ALEO, mainAleo);
            put(out, LEO, mainLeo);
            put(out, EXECUTION, execution);
            put(out, VERIFYING_KEY, verifyingKey + "\n");
            put(out, QUANT, quantJson);
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the bundle in memory", e);
        }
        AtomicFiles.write(zip, bytes.toByteArray());
    }

    /** Same files, unzipped (for people who want to read them; {@code verify} accepts both). */
    public void writeFolder(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(MANIFEST), json().writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeString(dir.resolve(ALEO), mainAleo);
        AtomicFiles.writeString(dir.resolve(LEO), mainLeo);
        AtomicFiles.writeString(dir.resolve(EXECUTION), execution);
        AtomicFiles.writeString(dir.resolve(VERIFYING_KEY), verifyingKey + "\n");
        AtomicFiles.writeString(dir.resolve(QUANT), quantJson);
    }

    public static boolean isBundle(Path p) {
        return Files.isRegularFile(p) ? p.getFileName().toString().endsWith(".zip")
                : Files.isRegularFile(p.resolve(MANIFEST)) && Files.isRegularFile(p.resolve(EXECUTION));
    }

    /** Reads a bundle zip or folder; anything unreadable is a user error naming the file. */
    public static ProofBundle read(Path p) {
        Map<String, String> files = Files.isDirectory(p) ? readFolder(p) : readZip(p);
        for (String required : new String[] {MANIFEST, ALEO, EXECUTION, VERIFYING_KEY}) {
            if (!files.containsKey(required)) {
                throw new WorkbenchException(p + " is not a proof bundle: " + required + " is missing");
            }
        }
        try {
            BundleManifest m = json().readValue(files.get(MANIFEST), BundleManifest.class);
            return new ProofBundle(m, files.get(ALEO), files.getOrDefault(LEO, ""), files.get(EXECUTION),
                    files.get(VERIFYING_KEY).trim(), files.getOrDefault(QUANT, ""));
        } catch (IOException e) {
            throw new WorkbenchException(p + ": " + MANIFEST + " is not a bundle manifest: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readZip(Path zip) {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new WorkbenchException(zip + ": cannot read the bundle zip: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new WorkbenchException(zip + " is not a zip file or is empty; pass a bundle written by `zkml prove`");
        }
        return files;
    }

    private static Map<String, String> readFolder(Path dir) {
        Map<String, String> files = new HashMap<>();
        for (String name : new String[] {MANIFEST, ALEO, LEO, EXECUTION, VERIFYING_KEY, QUANT}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    files.put(name, Files.readString(f));
                } catch (IOException e) {
                    throw new WorkbenchException(f + ": cannot read: " + e.getMessage(), e);
                }
            }
        }
        return files;
    }

    private static void put(ZipOutputStream out, String name, String text) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // same content, same bytes: bundles can be compared by hash
        out.putNextEntry(e);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
