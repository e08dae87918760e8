package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.io.AtomicFiles;
import io.zkml.workbench.io.WorkbenchHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.regex.Pattern;
import java.util.zip.ZipOutputStream;
import io.zkml.workbench.prove.ProgramChain;
import io.zkml.workbench.prove.ProgramSource;

/**
 * A proof and everything an auditor needs to check it, as one zip (or the same files in a folder).
 *
 * @param mainAleo         the program proven; in a multi-program execution, the entry program
 * @param execution        snarkVM's execution JSON, with the proof (every transition, one batch proof)
 * @param verifyingKey     the function's verifying key ({@code verifier1…}); for a chain, the entry function's
 * @param quantJson        the quantization spec the program was generated with (for re-export)
 * @param importedPrograms a multi-program execution's other programs, by id ({@code programs/<id>}); empty otherwise
 * @param importedKeys     their functions' verifying keys by {@code program/function}
 *                         ({@code verifying_keys/<program>/<function>.txt}); empty otherwise
 */
public record ProofBundle(BundleManifest manifest, String mainAleo, String mainLeo, String execution,
                          String verifyingKey, String quantJson, Map<String, String> importedPrograms,
                          Map<String, String> importedKeys) {

    public ProofBundle {
        importedPrograms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(importedPrograms));
        importedKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(importedKeys));
    }

    /** A single-program bundle. */
    public ProofBundle(BundleManifest manifest, String mainAleo, String mainLeo, String execution, String verifyingKey,
                       String quantJson) {
        this(manifest, mainAleo, mainLeo, execution, verifyingKey, quantJson, Map.of(), Map.of());
    }

    /** Folder of a chain's other programs inside the bundle. */
    public static final String PROGRAMS_DIR = "programs/";
    /** Folder of a chain's other verifying keys: {@code verifying_keys/<program>/<function>.txt}. */
    public static final String KEYS_DIR = "verifying_keys/";
    private static final Pattern CHAIN_ENTRY = Pattern.compile(
            "programs/[A-Za-z][A-Za-z0-9_]{0,62}\\.aleo|verifying_keys/[A-Za-z][A-Za-z0-9_]{0,62}\\.aleo/[A-Za-z][A-Za-z0-9_]{0,62}\\.txt");

    /**
     * The programs as one chain, in the manifest's order (dependencies first, the entry last); a
     * single-program bundle is a chain of one.
     *
     * @throws IllegalArgumentException when a listed program is missing or the texts do not form a chain
     */
    public ProgramChain chain() {
        if (!manifest.isChain()) {
            return ProgramChain.single(manifest.programId(), mainAleo, manifest.function());
        }
        List<ProgramSource> sources = new java.util.ArrayList<>();
        for (BundleManifest.ChainProgram p : manifest.programs()) {
            boolean entry = p.programId().equals(manifest.programId());
            String text = entry ? mainAleo : importedPrograms.get(p.programId());
            if (text == null) {
                throw new IllegalArgumentException(PROGRAMS_DIR + p.programId() + " is missing");
            }
            sources.add(new ProgramSource(p.programId(), text));
        }
        return new ProgramChain(sources, manifest.function());
    }

    /** Each function's verifying key by {@code program/function}, the entry's from {@code verifying_key.txt}. */
    public Map<String, String> verifyingKeys() {
        Map<String, String> keys = new java.util.LinkedHashMap<>(importedKeys);
        keys.put(manifest.programId() + "/" + manifest.function(), verifyingKey);
        return keys;
    }

    public static final String MANIFEST = "manifest.json";
    public static final String ALEO = "main.aleo";
    public static final String LEO = "main.leo";
    public static final String EXECUTION = "execution.json";
    public static final String VERIFYING_KEY = "verifying_key.txt";
    public static final String QUANT = "quant.json";
    private static final List<String> NAMES = List.of(MANIFEST, ALEO, LEO, EXECUTION, VERIFYING_KEY, QUANT);

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
            for (Map.Entry<String, String> e : chainFiles().entrySet()) {
                Files.createDirectories(dir.resolve(e.getKey()).getParent());
                AtomicFiles.writeString(dir.resolve(e.getKey()), e.getValue());
            }
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
        return WorkbenchHome.fromSystem().dir().resolve("recovered");
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
            for (Map.Entry<String, String> e : chainFiles().entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the bundle in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The chain's own entries, by their name in the bundle. */
    private Map<String, String> chainFiles() {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        importedPrograms.forEach((id, text) -> files.put(PROGRAMS_DIR + id, text));
        importedKeys.forEach((fn, key) -> files.put(KEYS_DIR + fn + ".txt", key + "\n"));
        return files;
    }

    public static boolean isBundle(Path p) {
        return Files.isRegularFile(p) ? p.getFileName().toString().endsWith(".zip")
                : Files.isRegularFile(p.resolve(MANIFEST)) && Files.isRegularFile(p.resolve(EXECUTION));
    }

    /**
     * Reads a bundle zip or folder within {@link BundleLimits#DEFAULT} and validates its manifest.
     *
     * @throws BundleRejectedException naming the file and what is wrong: unreadable (not a zip, a
     *         newer format) or malformed (over a bound, a duplicate entry, a manifest that breaks the format)
     */
    public static ProofBundle read(Path p) {
        return read(p, BundleLimits.DEFAULT);
    }

    public static ProofBundle read(Path p, BundleLimits limits) {
        Map<String, String> files = Files.isDirectory(p) ? readFolder(p, limits) : readZip(p, limits);
        return fromFiles(p.toString(), files);
    }

    /** The same, for a zip already in memory (the fuzz tests feed mutated bytes through here). */
    public static ProofBundle readZip(byte[] zip, String name, BundleLimits limits) {
        if (zip.length > limits.maxFileBytes()) {
            throw BundleRejectedException.malformed(name + " is " + zip.length + " bytes; a proof bundle is at most "
                    + limits.maxFileBytes() + " bytes");
        }
        return fromFiles(name, unzip(new ByteArrayInputStream(zip), name, limits));
    }

    private static ProofBundle fromFiles(String name, Map<String, String> files) {
        for (String required : new String[] {MANIFEST, ALEO, EXECUTION, VERIFYING_KEY}) {
            if (!files.containsKey(required)) {
                throw BundleRejectedException.malformed(name + " is not a complete proof bundle: " + required + " is missing");
            }
        }
        BundleManifest m;
        try {
            m = ManifestValidation.reader().readValue(files.get(MANIFEST), BundleManifest.class);
        } catch (IOException | RuntimeException e) {
            throw BundleRejectedException.malformed(name + ": " + MANIFEST + " is not a bundle manifest: "
                    + AleoTypes.shown(firstLine(e.getMessage())));
        }
        ManifestValidation.validate(m, name + ": " + MANIFEST);
        Map<String, String> programs = new java.util.LinkedHashMap<>();
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        if (m.isChain()) {
            // Only what the manifest lists is read; a listed program that is missing makes the bundle malformed.
            for (BundleManifest.ChainProgram p : m.programs().subList(0, m.programs().size() - 1)) {
                String text = files.get(PROGRAMS_DIR + p.programId());
                if (text == null) {
                    throw BundleRejectedException.malformed(name + " is not a complete proof bundle: " + PROGRAMS_DIR
                            + p.programId() + " is missing");
                }
                programs.put(p.programId(), text);
            }
            for (BundleManifest.ChainStep t : m.transitions()) {
                String key = files.get(KEYS_DIR + t.name() + ".txt");
                if (!t.programId().equals(m.programId()) && key != null) {
                    keys.put(t.name(), key.trim());
                }
            }
        }
        return new ProofBundle(m, files.get(ALEO), files.getOrDefault(LEO, ""), files.get(EXECUTION),
                files.get(VERIFYING_KEY).trim(), files.getOrDefault(QUANT, ""), programs, keys);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, String> readZip(Path zip, BundleLimits limits) {
        long size;
        try {
            size = Files.size(zip);
        } catch (IOException e) {
            throw BundleRejectedException.unreadable(zip + ": cannot read the bundle zip: " + e.getMessage());
        }
        if (size == 0) {
            throw BundleRejectedException.unreadable(zip + " is an empty file (0 bytes), not a proof bundle; pass a bundle written by `zkml prove`");
        }
        if (size > limits.maxFileBytes()) {
            throw BundleRejectedException.malformed(zip + " is " + size + " bytes; a proof bundle is at most "
                    + limits.maxFileBytes() + " bytes");
        }
        try (InputStream in = Files.newInputStream(zip)) {
            return unzip(in, zip.toString(), limits);
        } catch (IOException e) {
            throw BundleRejectedException.unreadable(zip + ": cannot read the bundle zip: " + e.getMessage());
        }
    }

    /** The known entries of a zip, inflated within the limits; duplicates refused, unknown names skipped. */
    private static Map<String, String> unzip(InputStream raw, String name, BundleLimits limits) {
        Map<String, String> files = new HashMap<>();
        Set<String> seen = new HashSet<>();
        CountingInputStream counted = new CountingInputStream(raw);
        long total = 0;
        int entries = 0;
        try (ZipInputStream z = new ZipInputStream(counted)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (++entries > limits.maxEntries()) {
                    throw BundleRejectedException.malformed(name + " has more than " + limits.maxEntries()
                            + " zip entries; a proof bundle has " + NAMES.size() + ", and two more per program of a chain");
                }
                if (!seen.add(e.getName())) {
                    throw BundleRejectedException.malformed(name + " holds the entry '" + AleoTypes.shown(e.getName())
                            + "' twice; which one counts would be ambiguous, so the bundle is refused");
                }
                if (e.isDirectory() || !(NAMES.contains(e.getName()) || CHAIN_ENTRY.matcher(e.getName()).matches())) {
                    continue;
                }
                long before = counted.count();
                byte[] bytes = readBounded(z, limits.maxEntryBytes(), name, e.getName());
                long stored = Math.max(1, counted.count() - before);
                if (bytes.length > limits.ratioFloorBytes() && bytes.length / stored > limits.maxRatio()) {
                    throw BundleRejectedException.malformed(name + ": entry " + e.getName() + " inflates " + stored
                            + " bytes to " + bytes.length + " (more than " + limits.maxRatio() + "×): refused as a zip bomb");
                }
                total += bytes.length;
                if (total > limits.maxTotalBytes()) {
                    throw BundleRejectedException.malformed(name + " inflates to more than " + limits.maxTotalBytes()
                            + " bytes; refused as a zip bomb");
                }
                files.put(e.getName(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw BundleRejectedException.unreadable(name + ": cannot read the bundle zip: " + AleoTypes.shown(String.valueOf(e.getMessage())));
        }
        if (entries == 0) {
            throw BundleRejectedException.unreadable(name + " is not a zip file or is empty; pass a bundle written by `zkml prove`");
        }
        return files;
    }

    private static byte[] readBounded(InputStream in, long max, String name, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw BundleRejectedException.malformed(name + ": entry " + entry + " inflates to more than " + max
                        + " bytes; refused as a zip bomb");
            }
        }
        return out.toByteArray();
    }

    private static Map<String, String> readFolder(Path dir, BundleLimits limits) {
        Map<String, String> files = new HashMap<>();
        long total = 0;
        for (String name : folderNames(dir, limits)) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    long size = Files.size(f);
                    total += size;
                    if (size > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                        throw BundleRejectedException.malformed(f + " is " + size + " bytes; a bundle file is at most "
                                + limits.maxEntryBytes() + " bytes");
                    }
                    files.put(name, Files.readString(f));
                } catch (IOException e) {
                    throw BundleRejectedException.unreadable(f + ": cannot read: " + e.getMessage());
                }
            }
        }
        return files;
    }

    /** The bundle's names in a folder: the fixed ones, and a chain's programs and keys (at most the entry limit). */
    private static List<String> folderNames(Path dir, BundleLimits limits) {
        List<String> names = new java.util.ArrayList<>(NAMES);
        try (var walk = Files.walk(dir, 3)) {
            walk.filter(Files::isRegularFile).limit(limits.maxEntries() * 4L)
                    .map(f -> dir.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(n -> CHAIN_ENTRY.matcher(n).matches()).sorted().forEach(names::add);
        } catch (IOException | UncheckedIOException e) {
            throw BundleRejectedException.unreadable(dir + ": cannot list the bundle folder: " + e.getMessage());
        }
        if (names.size() > limits.maxEntries()) {
            throw BundleRejectedException.malformed(dir + " holds more than " + limits.maxEntries() + " bundle files");
        }
        return names;
    }

    /** Counts the stored bytes a zip stream consumes, for the inflation ratio. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }

    private static void put(ZipOutputStream out, String name, String text) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // same content, same bytes: bundles can be compared by hash
        out.putNextEntry(e);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
