package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.ModelGraph;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model zip is attacker-controlled input: hostile entries inside an otherwise valid sample
 * (iris-tiny) end in a clear error naming the file and the entry, quickly, and never run code.
 * The time bounds are hang guards, not timing assertions.
 */
public class HostileModelZipTest {

    static final Path IRIS_TINY = Path.of("sample-models", "iris-tiny.zip");
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ModelImporter importer = new ModelImporter();

    /** Entries of a zip in order (directory entries included). */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    public static Path write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private Path irisWith(String name, String entry, byte[] content) throws IOException {
        Map<String, byte[]> e = entries(IRIS_TINY);
        e.put(entry, content);
        return write(dir.resolve(name), e);
    }

    private ModelImportException refused(Path file, String... words) {
        ModelImportException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(ModelImportException.class, () -> importer.importModel(file)));
        String msg = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(msg.contains(file.toString()), msg);
        for (String w : words) {
            assertTrue(msg.contains(w), "missing '" + w + "' in: " + msg);
        }
        return e;
    }

    static byte[] javaSerialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** The "billion laughs" of Java serialisation: 100 levels of mutually nested sets, ~2 KB, 2^100 hash calls. */
    public static byte[] hashSetBomb() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return javaSerialized(root);
    }

    /**
     * The URLDNS gadget: deserialising a HashMap re-hashes its URL key, which resolves the host.
     * Building it here must not resolve anything either, so the URL gets a handler whose hashCode
     * is local; that handler is transient and not serialised, the stream is the real gadget.
     */
    public static byte[] urlDnsGadget() throws IOException {
        URLStreamHandler local = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected int hashCode(URL u) {
                return 42;
            }
        };
        URL url = new URL(null, "http://zkml-dns-canary.invalid/", local);
        HashMap<URL, String> map = new HashMap<>();
        map.put(url, "x");
        return javaSerialized(map);
    }

    @Test
    void nestedHashSetBombInPreprocessorIsRefusedQuickly() throws Exception {
        byte[] bomb = hashSetBomb();
        assertTrue(bomb.length < 10_000, "payload " + bomb.length);
        refused(irisWith("bomb.zip", "preprocessor.bin", bomb), "preprocessor.bin", "refused",
                "java.util.HashSet");
    }

    @Test
    void urlDnsGadgetInPreprocessorIsRefusedBeforeAnyUrlIsBuilt() throws Exception {
        ModelImportException e = refused(irisWith("urldns.zip", "preprocessor.bin", urlDnsGadget()),
                "preprocessor.bin", "refused");
        // The filter rejects the first class it does not know (HashMap) before the URL is instantiated.
        assertTrue(e.getMessage().contains("the class java.util.HashMap"), e.getMessage());
    }

    @Test
    void filterRejectsUrlAndCollectionsButAllowsNormalisers() {
        assertTrue(!PreprocessorFilter.allowed(URL.class));
        assertTrue(!PreprocessorFilter.allowed(HashMap.class));
        assertTrue(!PreprocessorFilter.allowed(HashSet.class));
        assertTrue(PreprocessorFilter.allowed(NormalizerStandardize.class));
        assertTrue(PreprocessorFilter.allowed(Double.class));
    }

    @Test
    void aLegitimateArrayFreePreprocessorStillImports() throws Exception {
        ImagePreProcessingScaler scaler = new ImagePreProcessingScaler(0, 1, 8);
        ModelGraph g = assertTimeoutPreemptively(HANG_GUARD,
                () -> importer.importModel(irisWith("legacy.zip", "preprocessor.bin", javaSerialized(scaler))));
        assertEquals(importer.importModel(IRIS_TINY).nodes().size(), g.nodes().size());
    }

    @Test
    void preprocessorHoldingNd4jArraysIsRefusedByName() throws Exception {
        // ND4J's array proxy allocates the length written in the stream before reading the data.
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(new DataSet(Nd4j.rand(8, 4), Nd4j.rand(8, 3)));
        refused(irisWith("arrays.zip", "preprocessor.bin", javaSerialized(norm)), "preprocessor.bin",
                "BaseNDArrayProxy");
    }

    @Test
    void javaSerialisedNormaliserIsNotDeserialised() throws Exception {
        // DL4J's fallback would deserialise the whole file; the workbench reads only ND4J's format.
        refused(irisWith("oldnorm.zip", "normalizer.bin", hashSetBomb()), "normalizer.bin", "damaged",
                "header");
    }

    @Test
    void customNormaliserTypeIsRefusedBeforeAnyClassIsLoaded() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("NORMALIZER");
        out.writeInt(1);
        out.writeUTF("CUSTOM");
        out.writeUTF("java.lang.ProcessBuilder");
        refused(irisWith("custom.zip", "normalizer.bin", bytes.toByteArray()), "normalizer.bin", "CUSTOM",
                "not supported");
    }

    @Test
    void corruptConfigurationNamesTheEntry() throws Exception {
        refused(irisWith("conf.zip", "configuration.json", "{\"confs\": [ {".getBytes(StandardCharsets.UTF_8)),
                "configuration.json", "damaged", "not valid JSON");
    }

    @Test
    void configurationThatIsNotDl4jNamesTheEntry() throws Exception {
        refused(irisWith("conf2.zip", "configuration.json",
                "{\"confs\": [{\"layer\": {\"@class\": \"java.lang.Runtime\"}}]}".getBytes(StandardCharsets.UTF_8)),
                "configuration.json", "damaged");
    }

    @Test
    void deeplyNestedConfigurationIsRefusedWithoutExhaustingTheStack() throws Exception {
        String deep = "{\"confs\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        refused(irisWith("deep.zip", "configuration.json", deep.getBytes(StandardCharsets.UTF_8)),
                "configuration.json", "damaged");
    }

    @Test
    void truncatedCoefficientsNameTheEntry() throws Exception {
        byte[] coefficients = entries(IRIS_TINY).get("coefficients.bin");
        refused(irisWith("coeff.zip", "coefficients.bin", Arrays.copyOf(coefficients, coefficients.length - 9)),
                "coefficients.bin", "damaged");
    }

    @Test
    void coefficientsDeclaringAHugeArrayAreRefusedWithoutAllocating() throws Exception {
        byte[] coefficients = entries(IRIS_TINY).get("coefficients.bin").clone();
        // The data header's length is a long after "MIXED_DATA_TYPES"-style mode names or an int; find the
        // float data header by its type name and corrupt the length just before it.
        String text = new String(coefficients, StandardCharsets.ISO_8859_1);
        int type = text.lastIndexOf("FLOAT");
        coefficients[type - 2 - 5] = 0x7f;
        refused(irisWith("huge.zip", "coefficients.bin", coefficients), "coefficients.bin", "damaged");
    }

    @Test
    void badNormaliserNamesTheEntry() throws Exception {
        byte[] norm = entries(IRIS_TINY).get("normalizer.bin");
        refused(irisWith("norm.zip", "normalizer.bin", Arrays.copyOf(norm, norm.length / 2)), "normalizer.bin",
                "damaged");
    }

    @Test
    void duplicateEntriesAreRefused() throws Exception {
        Map<String, byte[]> e = entries(IRIS_TINY);
        Path file = dir.resolve("dup.zip");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> en : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(en.getKey()));
                zip.write(en.getValue());
                zip.closeEntry();
            }
            // ZipOutputStream refuses duplicate names, so the second copy is renamed in the bytes below.
            zip.putNextEntry(new ZipEntry("configuration.jsoX"));
            zip.write(e.get("configuration.json"));
            zip.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(file);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int i = s.indexOf("configuration.jsoX"); i >= 0; i = s.indexOf("configuration.jsoX", i + 1)) {
            bytes[i + "configuration.jso".length()] = 'n';
        }
        Files.write(file, bytes);
        refused(file, "configuration.json", "appears twice");
    }

    @Test
    void zipBombIsRefusedQuickly() throws Exception {
        Map<String, byte[]> e = entries(IRIS_TINY);
        Path file = dir.resolve("bomb.zip");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> en : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(en.getKey()));
                zip.write(en.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("objects/padding"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(file) < 2_000_000, "bomb size " + Files.size(file));
        refused(file, "zip bomb");
    }

    private Path withParameter(String name, int layer, String param, int index, float value) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(IRIS_TINY.toFile(), false);
        net.getLayer(layer).getParam(param).putScalar(index, value);
        Path file = dir.resolve(name);
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    @Test
    void nanWeightIsRefusedByLayerParameterAndIndex() throws Exception {
        refused(withParameter("nan.zip", 1, "W", 5, Float.NaN), "layer 1", "parameter W", "NaN",
                "position [1, 1] of shape [4, 3]");
    }

    @Test
    void infiniteBiasIsRefusedByLayerParameterAndIndex() throws Exception {
        refused(withParameter("inf.zip", 0, "b", 2, Float.POSITIVE_INFINITY), "layer 0", "parameter b",
                "+Infinity", "index 2");
    }

    @Test
    void nonFiniteNormaliserStatisticIsRefused() throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(IRIS_TINY.toFile(), false);
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(new DataSet(Nd4j.rand(8, 4), Nd4j.rand(8, 3)));
        norm.getMean().putScalar(3, Double.NaN);
        Path file = dir.resolve("normnan.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        ModelSerializer.addNormalizerToModel(file.toFile(), norm);
        refused(file, "normalizer.bin", "NaN", "mean", "index 3");
    }
}
