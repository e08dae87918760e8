package io.zkml.workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guides the Help menu shows quote the CLI's output; they drifted from it (the workshop's digits-cnn
 * estimate said "≈ 8 min" after the workbench said "≈ 5 min", the ML engineer's cost table lacked its fees
 * line). Each quoted {@code $ zkml ...} of a command that needs no snarkVM (inspect, calibrate, eval, auto-tune,
 * cost, export) runs again here, in the guide's order and in a folder of its own (so {@code quant.json} is the
 * one the guide's calibrate step wrote), and its output must read as quoted: a line {@code ...} stands for any
 * lines, {@code ...} within a line for any text, and timings in ms for any timing. prove and verify need snarkVM,
 * and a command on a file the guide does not make here is not run; both are named in the output.
 */
class GuideExcerptsTest {

    private static final Path SAMPLES = Path.of("sample-models").toAbsolutePath();
    private static final Pattern COMMAND = Pattern.compile("^\\s*\\$ zkml (.*?)(\\s+#.*)?$");
    private static final Pattern MS = Pattern.compile("\\d+ ms\\b");
    /** The parameter folder the guides print, for the one this run uses. */
    private static final String GUIDE_PARAMS = "/work/shared/aleo-params";

    /** Options whose value is not a path. */
    private static final java.util.Set<String> VALUES = java.util.Set.of("--weights", "--min-agreement",
            "--max-accuracy-drop", "--row", "--consensus", "--name", "--max-srs", "--split-after", "--salt", "--input");
    /** Options whose value is a path the command writes. */
    private static final java.util.Set<String> OUTPUTS = java.util.Set.of("--out", "--out-dir");

    @TempDir
    Path dir;

    /** @param indent the quote's indentation (its {@code $} line's), which its output lines share */
    record Excerpt(int line, int indent, List<String> args, List<String> output) {
    }

    @Test
    void everyQuotedCommandPrintsWhatTheGuideQuotes() throws Exception {
        List<String> failures = new ArrayList<>();
        // A command on the bundled samples alone, quoted in two guides (digits-cnn's auto-tune), runs once.
        Map<List<String>, CliRunner.Result> ran = new HashMap<>();
        for (String guide : List.of("ml-engineer.md", "workshop.md", "auditor.md")) {
            Path folder = Files.createDirectories(dir.resolve(guide.replace(".md", "")));
            failures.addAll(check(guide, folder, ran));
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    private List<String> check(String guide, Path folder, Map<List<String>, CliRunner.Result> ran) throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Excerpt e : excerpts(Files.readAllLines(Path.of("docs/guides", guide)))) {
            String name = e.args().get(0);
            List<String> args = new ArrayList<>(List.of(name));
            String missing = null;
            boolean samplesOnly = true;
            for (int i = 1; i < e.args().size(); i++) {
                String a = e.args().get(i);
                boolean path = !a.startsWith("-") && !VALUES.contains(e.args().get(i - 1));
                args.add(path ? resolve(folder, a).toString() : a);
                boolean input = path && !OUTPUTS.contains(e.args().get(i - 1));
                if (missing == null && input && !Files.exists(resolve(folder, a))) {
                    missing = a;
                }
                samplesOnly &= !path || a.startsWith("sample-models/") && input;
            }
            if (name.equals("prove") || name.equals("verify") || missing != null) {
                System.out.println("[guides] " + guide + ":" + e.line() + " not run: zkml " + String.join(" ", e.args())
                        + (name.equals("prove") || name.equals("verify") ? " (needs snarkVM)" : " (no " + missing + " here)"));
                continue;
            }
            // No keys cached: the guides show a fresh machine's output (no "snarkVM (cached)" row).
            String keys = System.setProperty("zkml.keyCacheDir", folder.resolve("no-keys").toString());
            CliRunner.Result r = samplesOnly ? ran.get(args) : null;
            try {
                if (r == null) {
                    r = CliRunner.run(null, args.toArray(String[]::new));
                }
            } finally {
                System.setProperty("zkml.keyCacheDir", keys);
            }
            if (samplesOnly) {
                ran.put(args, r);
            }
            assertEquals(0, r.exit(), guide + ":" + e.line() + " zkml " + e.args() + "\n" + r.out() + r.err());
            List<String> actual = normalized(r.out() + r.err(), folder);
            String why = mismatch(e.output(), actual);
            if (why != null) {
                failures.add(guide + ":" + e.line() + " zkml " + String.join(" ", e.args()) + ": " + why
                        + "\n  actual output:\n    " + String.join("\n    ", actual));
            }
            checked++;
        }
        System.out.println("[guides] " + guide + ": " + checked + " quoted commands checked");
        return failures;
    }

    /** A path of the guide: sample-models/... is the repository's, anything else this guide's folder. */
    private static Path resolve(Path dir, String arg) {
        return arg.startsWith("sample-models/") ? SAMPLES.resolve(arg.substring("sample-models/".length()))
                : dir.resolve(arg);
    }

    private static List<String> normalized(String text, Path dir) {
        String params = System.getProperty("zkml.paramsDir");
        String t = text.replace(dir.toString() + "/", "").replace(dir.toString(), ".")
                .replace(SAMPLES + "/", "sample-models/");
        if (params != null) {
            t = t.replace(Path.of(params).toAbsolutePath().normalize().toString(), GUIDE_PARAMS).replace(params, GUIDE_PARAMS);
        }
        List<String> out = new ArrayList<>();
        for (String l : t.split("\n", -1)) {
            out.add(MS.matcher(l.stripTrailing()).replaceAll("N ms"));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Why {@code actual} does not read as {@code quoted}, or null when it does. */
    static String mismatch(List<String> quoted, List<String> actual) {
        return match(quoted, 0, actual, 0) ? null : "the output does not read as quoted (first quoted line not found in"
                + " order: " + firstUnmatched(quoted, actual) + ")";
    }

    private static boolean match(List<String> q, int i, List<String> a, int j) {
        if (i == q.size()) {
            return j == a.size();
        }
        if (q.get(i).strip().equals("...")) {
            for (int k = j; k <= a.size(); k++) {
                if (match(q, i + 1, a, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < a.size() && lineMatches(q.get(i), a.get(j)) && match(q, i + 1, a, j + 1);
    }

    static boolean lineMatches(String quoted, String actual) {
        String q = MS.matcher(quoted.stripTrailing()).replaceAll("N ms");
        StringBuilder regex = new StringBuilder();
        String[] parts = q.split("\\.\\.\\.", -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[p]));
        }
        return actual.matches(regex.toString());
    }

    private static String firstUnmatched(List<String> q, List<String> a) {
        int j = 0;
        for (String line : q) {
            if (line.strip().equals("...")) {
                continue;
            }
            int k = j;
            while (k < a.size() && !lineMatches(line, a.get(k))) {
                k++;
            }
            if (k == a.size()) {
                return "'" + line.strip() + "'";
            }
            j = k + 1;
        }
        return "every line is there, but with lines between them or after them that the quote does not elide";
    }

    /** Every quoted command with the output lines under it, in the guide's order. */
    static List<Excerpt> excerpts(List<String> lines) {
        List<Excerpt> out = new ArrayList<>();
        boolean fenced = false;
        Excerpt current = null;
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n);
            if (l.strip().startsWith("```")) {
                fenced = !fenced;
                current = null;
                continue;
            }
            if (!fenced) {
                continue;
            }
            Matcher m = COMMAND.matcher(l);
            if (m.matches()) {
                current = new Excerpt(n + 1, l.length() - l.stripLeading().length(),
                        List.of(m.group(1).strip().split("\\s+")), new ArrayList<>());
                out.add(current);
            } else if (current != null) {
                current.output().add(l);
            }
        }
        // A quote inside a list item is indented as its $ line is.
        List<Excerpt> dedented = new ArrayList<>();
        for (Excerpt e : out) {
            List<String> body = new ArrayList<>();
            e.output().forEach(s -> body.add(s.length() >= e.indent() && s.substring(0, e.indent()).isBlank()
                    ? s.substring(e.indent()) : s.strip()));
            while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
                body.remove(body.size() - 1);
            }
            dedented.add(new Excerpt(e.line(), e.indent(), e.args(), body));
        }
        return dedented;
    }
}
