package io.zkml.workbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.project.ProjectStore;
import io.zkml.workbench.project.WorkbenchProject;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the three readers of attacker-controlled files — the model importer, the
 * quant spec reader and the project reader — with mutated copies of valid files: byte flips,
 * truncations, entry swaps and duplicates, JSON field mutations. Every case must end, within a
 * per-case hang guard, in a valid result or the reader's clear error (ModelImportException for
 * models, a WorkbenchException for specs and projects) — never another exception type, never a
 * hang, never a write to the file read or outside the temp folder. A failing case prints its
 * seed and index; fix the bug and keep the case as a regression test.
 */
class ReaderFuzzTest {

    static final long SEED = 0x5eed_2026_1204L;
    static final int MODEL_CASES = 1_000;
    static final int SPEC_CASES = 1_000;
    static final int PROJECT_CASES = 400;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    static Map<String, byte[]> irisEntries;
    static String specJson;
    static Path projectFile;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void validFiles() throws Exception {
        irisEntries = entries(Files.readAllBytes(Path.of("sample-models/iris-tiny.zip")));
        ModelSession s = ModelSession.open(Path.of("sample-models/iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        specJson = new QuantSpecJson().toJson(spec);
        Path model = Files.copy(Path.of("sample-models/iris-tiny.zip"), tmp.resolve("iris-tiny.zip"));
        projectFile = tmp.resolve("p" + ProjectStore.EXTENSION);
        new ProjectStore().save(new WorkbenchProject(model, FileHashes.sha256(model), null, spec, null, null, null,
                new WorkbenchProject.Design(List.of(DesignStep.setUnits("layer0", 8)), null)), projectFile);
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(List<Map.Entry<String, byte[]>> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---- mutations -------------------------------------------------------------------------

    static byte[] flip(byte[] in, Random r) {
        byte[] out = in.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    static byte[] mutatedModel(Random r) throws IOException {
        List<Map.Entry<String, byte[]>> e = new ArrayList<>();
        irisEntries.forEach((k, v) -> e.add(Map.entry(k, v)));
        switch (r.nextInt(7)) {
            case 0 -> { // flip bytes of the whole file
                return flip(zip(e), r);
            }
            case 1 -> { // truncate the file
                byte[] z = zip(e);
                return java.util.Arrays.copyOf(z, r.nextInt(z.length));
            }
            case 2 -> { // flip bytes inside one entry, re-zipped so the zip itself is valid
                int i = r.nextInt(e.size());
                e.set(i, Map.entry(e.get(i).getKey(), flip(e.get(i).getValue(), r)));
            }
            case 3 -> { // truncate one entry
                int i = r.nextInt(e.size());
                byte[] v = e.get(i).getValue();
                e.set(i, Map.entry(e.get(i).getKey(), java.util.Arrays.copyOf(v, r.nextInt(v.length + 1))));
            }
            case 4 -> { // swap two entries' contents
                int i = r.nextInt(e.size());
                int j = r.nextInt(e.size());
                byte[] vi = e.get(i).getValue();
                e.set(i, Map.entry(e.get(i).getKey(), e.get(j).getValue()));
                e.set(j, Map.entry(e.get(j).getKey(), vi));
            }
            case 5 -> { // duplicate an entry (a renamed copy whose name is patched back in the bytes)
                int i = r.nextInt(e.size());
                String name = e.get(i).getKey();
                String alias = name.substring(0, name.length() - 1) + "#";
                e.add(r.nextInt(e.size() + 1), Map.entry(alias, flip(e.get(i).getValue(), r)));
                byte[] z = zip(e);
                String s = new String(z, StandardCharsets.ISO_8859_1);
                for (int at = s.indexOf(alias); at >= 0; at = s.indexOf(alias, at + 1)) {
                    z[at + alias.length() - 1] = (byte) name.charAt(name.length() - 1);
                }
                return z;
            }
            default -> { // mutate one field of configuration.json
                for (int i = 0; i < e.size(); i++) {
                    if (e.get(i).getKey().equals("configuration.json")) {
                        String text = new String(e.get(i).getValue(), StandardCharsets.UTF_8);
                        e.set(i, Map.entry("configuration.json", mutateJson(text, r).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return zip(e);
    }

    /** One JSON-aware change: a value replaced by an odd one, a field removed or added, or a byte flipped. */
    static String mutateJson(String text, Random r) throws IOException {
        if (r.nextInt(10) == 0) {
            return new String(flip(text.getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException alreadyBroken) {
            return new String(flip(text.getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8);
        }
        if (root == null || !root.isContainerNode()) {
            return text + "x";
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(r.nextInt(containers.size()));
        JsonNode odd = oddValue(r);
        if (parent instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty() || r.nextInt(8) == 0) {
                o.set("extra" + r.nextInt(3), odd);
            } else {
                String k = keys.get(r.nextInt(keys.size()));
                if (r.nextInt(4) == 0) {
                    o.remove(k);
                } else {
                    o.set(k, odd);
                }
            }
        } else if (parent instanceof ArrayNode a) {
            if (a.isEmpty() || r.nextInt(4) == 0) {
                a.add(odd);
            } else {
                a.set(r.nextInt(a.size()), odd);
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    static JsonNode oddValue(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(12)) {
            case 0 -> f.numberNode(2_000_000_000);
            case 1 -> f.numberNode(-1);
            case 2 -> f.numberNode(0);
            case 3 -> f.numberNode(1.9);
            case 4 -> f.numberNode(Long.MAX_VALUE);
            case 5 -> f.textNode("x".repeat(r.nextInt(300)));
            case 6 -> f.nullNode();
            case 7 -> f.booleanNode(r.nextBoolean());
            case 8 -> f.objectNode();
            case 9 -> f.arrayNode().add(1).add("a");
            case 10 -> f.numberNode(r.nextInt(400) - 200);
            default -> f.textNode(List.of("FIELD", "I8", "LEAKY_RELU", "SET_UNITS", "DELETE", "java.lang.Runtime")
                    .get(r.nextInt(6)));
        };
    }

    // ---- the cases -----------------------------------------------------------------------

    /** Every file under the working directory's source folders, with its size and hash: nothing may change. */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String dir : new String[] {"sample-models", "src", "docs"}) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    m.put(p.toString(), Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        try (Stream<Path> s = Files.list(Path.of("."))) {
            s.forEach(p -> m.put("./" + p.getFileName(), "top-level"));
        }
        return m;
    }

    private interface Case {
        void run() throws Exception;
    }

    private static void expect(long seed, String what, int i, Case c, Class<?>... clear) {
        Throwable t;
        try {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                c.run();
                return null;
            }, what + " case " + i + " (seed " + seed + ") hung");
            return;
        } catch (org.opentest4j.AssertionFailedError hung) {
            throw hung;
        } catch (Throwable e) {
            t = e;
        }
        for (Class<?> ok : clear) {
            if (ok.isInstance(t)) {
                if (t.getMessage() == null || t.getMessage().isBlank()) {
                    fail(what + " case " + i + " (seed " + seed + "): an error without a message", t);
                }
                return;
            }
        }
        fail(what + " case " + i + " (seed " + seed + "): " + t.getClass().getName() + " is not a clear error: "
                + t.getMessage(), t);
    }

    /**
     * The seed and the number of cases are the run's unless {@code -Dzkml.fuzz.seed=N} and
     * {@code -Dzkml.fuzz.scale=K} (K times the cases) ask for a longer campaign (docs/TESTING.md).
     */
    @Test
    void mutatedModelsSpecsAndProjectsEndInAResultOrAClearError() throws Exception {
        int k = Integer.getInteger("zkml.fuzz.scale", 1);
        fuzz(Long.getLong("zkml.fuzz.seed", SEED), k * MODEL_CASES, k * SPEC_CASES, k * PROJECT_CASES);
    }

    /**
     * Seed 11 crashed the JVM (SIGSEGV in ND4J's native flatten) on a normaliser whose shape
     * information had been flipped: ND4J trusted the file's strides. Arrays are now read by the
     * workbench and rebuilt fresh (importer.Nd4jArrays); the models of that seed stay a regression.
     */
    @Test
    void regressionSeedThatCrashedNd4jOnHostileStrides() throws Exception {
        fuzz(REGRESSION_SEED_ND4J_CRASH, MODEL_CASES, 0, 0);
    }

    static final long REGRESSION_SEED_ND4J_CRASH = 11L;

    private void fuzz(long seed, int modelCases, int specCases, int projectCases) throws Exception {
        Map<String, String> before = snapshot();
        Random r = new Random(seed);
        ModelImporter importer = new ModelImporter();
        Path models = Files.createDirectories(tmp.resolve("models"));
        for (int i = 0; i < modelCases; i++) {
            Path f = Files.write(models.resolve("m" + i + ".zip"), mutatedModel(r));
            String hash = FileHashes.sha256(f);
            expect(seed, "model", i, () -> importer.importModel(f), ModelImportException.class);
            assertEquals(hash, FileHashes.sha256(f), "model case " + i + ": the model file was changed");
            Files.delete(f);
        }
        try (Stream<Path> left = Files.list(models)) {
            assertEquals(List.of(), left.toList(), "nothing written next to the models");
        }
        QuantSpecJson specs = new QuantSpecJson();
        for (int i = 0; i < specCases; i++) {
            String text = mutateJson(r.nextInt(4) == 0 ? mutateJson(specJson, r) : specJson, r);
            expect(seed, "spec", i, () -> specs.fromJson(text, "fuzz.json"), WorkbenchException.class);
        }
        ProjectStore store = new ProjectStore();
        String project = Files.readString(projectFile);
        Path mutated = tmp.resolve("fuzz" + ProjectStore.EXTENSION);
        for (int i = 0; i < projectCases; i++) {
            Files.writeString(mutated, mutateJson(r.nextInt(4) == 0 ? mutateJson(project, r) : project, r));
            expect(seed, "project", i, () -> store.load(mutated), WorkbenchException.class);
        }
        assertEquals(before, snapshot(), "no file changed outside the temp folder");
    }
}
