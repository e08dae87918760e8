package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /**
     * Writes the zip atomically: a reader sees no bundle or a complete one. A proof takes minutes,
     * so when the bundle cannot be written there it is kept in {@link #recoveryDir()} and a
     * {@link BundleNotWrittenException} says where.
     */
    public void writeZip(Path zip) {
        writeZip(zip, recoveryDir());
    }

    /** As {@link #writeZip(Path)}, keeping the bundle in {@code recoveryDir} if it cannot be written. */
    public void writeZip(Path zip, Path recoveryDir) {
        byte[] bytes = zipBytes();
        try {
            AtomicFiles.write(zip, bytes);
        } catch (UncheckedIOException e) {
            throw new BundleNotWrittenException(zip, keep(bytes, zip, recoveryDir), reason(e.getCause()), e);
        }
    }

    /** Same files, unzipped (for people who want to read them; {@code verify} accepts both). */
    public void writeFolder(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(MANIFEST), json().writeValueAsString(manifest) + "\n");
            AtomicFiles.writeString(dir.resolve(ALEO), mainAleo);
            AtomicFiles.writeString(dir.resolve(LEO), mainLeo);
            AtomicFiles.writeString(dir.resolve(EXECUTION), execution);
            AtomicFiles.writeString(dir.resolve(VERIFYING_KEY), verifyingKey + "\n");
            AtomicFiles.writeString(dir.resolve(QUANT), quantJson);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (UncheckedIOException e) {
            throw new BundleNotWrittenException(dir, keep(zipBytes(), dir, recoveryDir()), reason(e.getCause()), e);
        }
    }

    /**
     * Throws a {@link WorkbenchException} unless a bundle can be written at {@code target}: its
     * folder exists or can be made, takes a new file, and has room. Called before proving, so a
     * read-only or full destination costs no proving time.
     */
    public static void requireWritable(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new WorkbenchException("cannot write a bundle to " + target + ": it is a folder; give a file name ending in .zip");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".zkml-write-check", ".tmp");
            Files.delete(probe);
            if (Files.getFileStore(dir).getUsableSpace() < MIN_FREE_BYTES) {
                throw new IOException("the disk is full");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new WorkbenchException("cannot write to " + dir + " (" + reason(e) + "), so nothing was proven: choose "
                    + "another output location, or make this one writable", e);
        }
    }

    /** {@code recovered/} in the workbench home (~/.zkml-workbench), where bundles that could not be written are kept. */
    public static Path recoveryDir() {
        return io.zkml.workbench.project.WorkbenchHome.fromSystem().dir().resolve("recovered");
    }

    /** A bundle is tens of kilobytes; less free space than this means the write would fail. */
    private static final long MIN_FREE_BYTES = 1 << 20;

    /** Saves the bundle in the recovery folder, else the temp folder; null when neither takes it. */
    private static Path keep(byte[] bytes, Path target, Path recoveryDir) {
        String name = target.getFileName() == null ? "bundle" : target.getFileName().toString().replaceAll("\\.zip$", "");
        String stamped = name + "-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip";
        for (Path dir : new Path[] {recoveryDir, Path.of(System.getProperty("java.io.tmpdir"), "zkml-recovered")}) {
            try {
                Path kept = dir.resolve(stamped);
                AtomicFiles.write(kept, bytes);
                return kept.toAbsolutePath();
            } catch (UncheckedIOException | java.nio.file.InvalidPathException e) {
                // try the next place
            }
        }
        return null;
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e == null ? "unknown reason" : e.getMessage();
    }

    private byte[] zipBytes() {
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
        return bytes.toByteArray();
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
