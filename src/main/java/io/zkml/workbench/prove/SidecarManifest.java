package io.zkml.workbench.prove;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SHA-256 of the sidecar files a build shipped: the sidecar's own scripts and package files one
 * by one, the SDK's package.json and WASM one by one (so a mismatch names them), and one digest
 * over every code file of {@code node_modules} (what Node.js may load). Written during the Maven
 * build (process-classes, {@link #main}) into the classes as {@value #RESOURCE}; checked before a
 * sidecar starts, so a script changed after the build — or one that is not this build's at all —
 * never proves or verifies anything.
 *
 * @param hashes relative path (with '/') to lowercase hex SHA-256; {@value #NODE_MODULES} for the tree digest
 */
public record SidecarManifest(Map<String, String> hashes) {

    public static final String RESOURCE = "sidecar-manifest.txt";
    static final String NODE_MODULES = "node_modules/**";
    private static final List<String> SDK_FILES = List.of(
            "node_modules/@provablehq/sdk/package.json",
            "node_modules/@provablehq/wasm/package.json",
            "node_modules/@provablehq/wasm/dist/mainnet/aleo_wasm.wasm");

    public SidecarManifest {
        hashes = Map.copyOf(hashes);
    }

    /** Hashes the sidecar folder as it is now. */
    public static SidecarManifest compute(Path sidecarDir) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        List<Path> own;
        try (Stream<Path> s = Files.list(sidecarDir)) {
            own = s.filter(Files::isRegularFile).filter(p -> isOwnFile(p.getFileName().toString())).sorted().toList();
        }
        for (Path p : own) {
            hashes.put(p.getFileName().toString(), sha256(p));
        }
        for (String f : SDK_FILES) {
            Path p = sidecarDir.resolve(f);
            if (Files.isRegularFile(p)) {
                hashes.put(f, sha256(p));
            }
        }
        Path modules = sidecarDir.resolve("node_modules");
        if (Files.isDirectory(modules)) {
            hashes.put(NODE_MODULES, treeDigest(sidecarDir, modules));
        }
        return new SidecarManifest(hashes);
    }

    /** The manifest recorded by this build, if the build wrote one. */
    public static Optional<SidecarManifest> shipped() {
        try (InputStream in = SidecarManifest.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The files of {@code sidecarDir} that differ from this manifest (changed, missing or added
     * scripts), in words; empty when the folder is exactly what was shipped.
     */
    public List<String> differences(Path sidecarDir) throws IOException {
        SidecarManifest now = compute(sidecarDir);
        List<String> out = new ArrayList<>();
        for (var e : hashes.entrySet()) {
            String actual = now.hashes.get(e.getKey());
            if (actual == null) {
                out.add(e.getKey() + " is missing");
            } else if (!actual.equals(e.getValue())) {
                out.add(e.getKey().equals(NODE_MODULES)
                        ? "the installed packages (node_modules) are not the ones this build shipped"
                        : e.getKey() + " was changed (SHA-256 " + actual.substring(0, 12) + "…, shipped "
                                + e.getValue().substring(0, 12) + "…)");
            }
        }
        for (String k : now.hashes.keySet()) {
            if (!hashes.containsKey(k)) {
                out.add(k + " was not shipped with this build");
            }
        }
        return out;
    }

    public String format() {
        StringBuilder b = new StringBuilder("# SHA-256 of the snarkVM sidecar files this build shipped (SidecarManifest)\n");
        hashes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getValue()).append("  ").append(e.getKey()).append('\n'));
        return b.toString();
    }

    static SidecarManifest parse(String text) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep == 64) {
                hashes.put(line.substring(sep + 2).trim(), line.substring(0, sep));
            }
        }
        return new SidecarManifest(hashes);
    }

    /** Scripts and package files beside sidecar.mjs; a planted extra script counts as "not shipped". */
    private static boolean isOwnFile(String name) {
        return name.endsWith(".mjs") || name.endsWith(".js") || name.endsWith(".cjs")
                || name.equals("package.json") || name.equals("package-lock.json");
    }

    /** Every file Node.js could load from node_modules (code, JSON, WASM), by path and content. */
    private static String treeDigest(Path root, Path modules) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(modules)) {
            files = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".cjs") || n.endsWith(".json")
                        || n.endsWith(".wasm") || n.endsWith(".node")) && !n.equals(".package-lock.json");
            }).toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path p : files) {
            lines.add(sha256(p) + "  " + root.relativize(p).toString().replace('\\', '/'));
        }
        lines.sort(null);
        return HexFormat.of().formatHex(digest().digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Throws a {@link SidecarUnavailableException} unless {@code dir} holds exactly the sidecar this build shipped. */
    public static void checkInstalled(Path dir) {
        if (!Files.isRegularFile(dir.resolve("sidecar.mjs"))) {
            throw new SidecarUnavailableException("the snarkVM sidecar is not in " + dir + " (no sidecar.mjs)");
        }
        NodeRuntime.checkIntegrity(dir, shipped());
    }

    /** Build step: {@code SidecarManifest SIDECAR_DIR OUTPUT_FILE}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, compute(Path.of(args[0])).format());
    }
}
