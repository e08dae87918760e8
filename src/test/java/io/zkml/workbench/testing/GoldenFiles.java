package io.zkml.workbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checked-in expected outputs, compared byte for byte, in the manner of the Leo compiler's
 * {@code tests/expectations}: one folder per case under {@code src/test/resources/golden}.
 *
 * <p>With {@code -Dgolden.update=true} (docs/TESTING.md) the folder is rewritten instead of
 * compared, and the diff is reviewed like code. The files are read from and written to the source
 * tree, not target/test-classes, so an update lands where git sees it.
 */
public final class GoldenFiles {

    /** The system property that switches comparing to rewriting. */
    public static final String UPDATE_PROPERTY = "golden.update";
    static final Path ROOT = Path.of("src", "test", "resources", "golden");

    private GoldenFiles() {
    }

    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
    }

    /** The folder of one case, e.g. {@code samples/iris-tiny/constant}. */
    public static Path folder(String caseName) {
        return ROOT.resolve(caseName);
    }

    /**
     * Compares {@code files} (name → text) with the case's folder: every file byte for byte, and no
     * file in the folder that is not produced any more. Updating rewrites the folder to exactly these
     * files. Every difference is reported at once, each with its first differing line.
     */
    public static void assertMatches(String caseName, Map<String, String> files) {
        Path dir = folder(caseName);
        if (updating()) {
            rewrite(dir, files);
            return;
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> stale = new TreeSet<>(existing(dir));
        for (Map.Entry<String, String> f : files.entrySet()) {
            stale.remove(f.getKey());
            Path golden = dir.resolve(f.getKey());
            if (!Files.isRegularFile(golden)) {
                problems.add(golden + ": missing");
                continue;
            }
            String expected = read(golden);
            if (!expected.equals(f.getValue())) {
                problems.add(golden + ": " + firstDifference(expected, f.getValue()));
            }
        }
        stale.forEach(name -> problems.add(dir.resolve(name) + ": no longer generated"));
        if (!problems.isEmpty()) {
            fail("generated text differs from the golden files of " + caseName + ":\n  " + String.join("\n  ", problems)
                    + "\nIf the change is intended, rewrite them with `mvn -B test -Dgolden.update=true "
                    + "-Dtest=<this class>` and review the diff (docs/TESTING.md).");
        }
    }

    /** The golden text of one file of a case, e.g. for a test that checks a recorded count. */
    public static String read(String caseName, String file) {
        return read(folder(caseName).resolve(file));
    }

    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + "\n      golden:    " + abbreviate(el) + "\n      generated: " + abbreviate(al);
            }
        }
        return "same lines, different bytes";
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static List<String> existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(Path dir, Map<String, String> files) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            System.out.println("[golden] rewrote " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the golden files in " + dir, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
