package io.zkml.workbench.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only way the workbench reads a DL4J model zip (CLI, workbench, {@code verify --model},
 * retraining, the samples). The file may come from an attacker, so it is read here, once, within
 * bounds, before DL4J sees any of it:
 * <ul>
 * <li>the zip itself: at most {@link #MAX_ENTRIES} entries, {@link #MAX_TOTAL_BYTES} uncompressed
 * and a compression ratio a model can have (a zip bomb is refused after a few megabytes, not
 * after filling the memory); duplicate entry names are refused (which copy would DL4J use?);</li>
 * <li>each entry DL4J will parse is checked first, so damage is reported as "entry X of file Y"
 * with what to do, not as DL4J's EOFException: {@code configuration.json} must be JSON and a DL4J
 * configuration, every ND4J array ({@code coefficients.bin}, the normaliser's statistics) must
 * have a header whose lengths fit the bytes really present (ND4J allocates the declared length
 * first) and is read here, not by ND4J (hostile strides crash ND4J's native code): DL4J gets the
 * weights re-written by ND4J from a fresh array, and the normaliser is built here from fresh arrays
 * (only the built-in kinds: DL4J would otherwise load and instantiate a class named in the file);</li>
 * <li>no Java deserialisation happens outside {@link PreprocessorFilter}: DL4J's own restore
 * deserialises {@code preprocessor.bin} with a plain {@code ObjectInputStream} (DNS lookups, CPU
 * bombs, gadget chains), and its normaliser fallback deserialises the whole file. So DL4J is
 * handed a rebuilt in-memory zip with only the configuration, the coefficients and the
 * normaliser, and {@code preprocessor.bin} — which DL4J reads and then discards — is read here
 * under the strict per-stream filter, and likewise discarded.</li>
 * </ul>
 */
public final class Dl4jZip {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String NO_PARAMS = "noParams.marker";
    static final String NORMALIZER = "normalizer.bin";
    static final String PREPROCESSOR = "preprocessor.bin";

    /** DL4J writes at most six entries; room for a few objects added with addObjectToFile. */
    static final int MAX_ENTRIES = 256;
    /** Far above any network that fits an Aleo program (the export limits are far smaller). */
    static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;
    /** Below this many uncompressed bytes the ratio is not checked (JSON compresses well). */
    static final long RATIO_FREE_BYTES = 8L * 1024 * 1024;
    /** Weights compress to about 90%, JSON to 10%; a ratio above this is a zip bomb. */
    static final long MAX_RATIO = 100;

    private static final String RESAVE = "re-save the model with ModelSerializer.writeModel";

    private final Path file;
    private final Map<String, byte[]> entries;

    private Dl4jZip(Path file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads and checks the zip's entries; nothing is parsed by DL4J yet. */
    public static Dl4jZip read(Path file) throws ModelImportException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelImportException(file, Files.exists(file) ? "not a readable file" : "file not found");
        }
        long fileSize;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int directorySize = directorySize(file);
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            fileSize = Files.size(file);
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw refused(file, "it has more than " + MAX_ENTRIES + " entries; a DL4J model has at most six");
                }
                String name = e.getName();
                if (entries.containsKey(name)) {
                    throw refused(file, "the entry " + Nd4jArrays.abbreviate(name) + " appears twice; which copy"
                            + " is the model is ambiguous, so the file is refused (" + RESAVE + ")");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > MAX_TOTAL_BYTES) {
                        throw refused(file, "it unpacks to more than " + MAX_TOTAL_BYTES / (1024 * 1024)
                                + " MiB; no model the workbench can export is that large");
                    }
                    if (total > RATIO_FREE_BYTES && total > MAX_RATIO * fileSize) {
                        throw refused(file, "it unpacks to more than " + MAX_RATIO + " times its own size ("
                                + fileSize + " bytes), which only a zip bomb does; a DL4J model compresses far less");
                    }
                    out.write(buffer, 0, n);
                }
                entries.put(name, e.isDirectory() ? new byte[0] : out.toByteArray());
            }
        } catch (ModelImportException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw ModelKindDetector.notAModel(file, "the zip is truncated or corrupt (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw ModelKindDetector.notAModel(file, "reading the zip failed (" + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw ModelKindDetector.notAModel(file, "the zip is empty or corrupt");
        }
        if (entries.size() != directorySize) {
            // DL4J reads the entries in sequence, other tools read the central directory: a file on
            // which they disagree is truncated or crafted to show each reader a different model.
            throw refused(file, "its directory lists " + directorySize + " entries but " + entries.size()
                    + " are stored; the file is truncated or crafted (" + RESAVE + ")");
        }
        return new Dl4jZip(file, entries);
    }

    /** The entry count in the zip's central directory (which also proves the file is complete). */
    private static int directorySize(Path file) throws ModelImportException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int n = zip.size();
            if (n > MAX_ENTRIES) {
                throw refused(file, "it has " + n + " entries; a DL4J model has at most six");
            }
            return n;
        } catch (ModelImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ModelKindDetector.notAModel(file, "the zip is truncated or corrupt (" + e.getMessage() + ")");
        }
    }

    private static ModelImportException refused(Path file, String why) {
        return new ModelImportException(file, "the model zip is refused: " + why);
    }

    private ModelImportException damaged(String entry, String what) {
        return new ModelImportException(file, "the entry " + entry + " is damaged: " + what + "; the file was"
                + " probably cut short or edited — copy the model again or " + RESAVE);
    }

    /** MultiLayerNetwork or ComputationGraph, from the shape of {@code configuration.json}. */
    public ModelKind kind() throws ModelImportException {
        JsonNode conf = configurationTree();
        // MultiLayerConfiguration serialises its layers as "confs"; ComputationGraphConfiguration as "vertices".
        if (conf.has("vertices")) {
            return ModelKind.DL4J_COMPUTATION_GRAPH;
        }
        if (conf.has("confs")) {
            return ModelKind.DL4J_MULTILAYER;
        }
        throw ModelKindDetector.notAModel(file, CONFIGURATION + " describes neither a MultiLayerNetwork ('confs')"
                + " nor a ComputationGraph ('vertices')");
    }

    private JsonNode configurationTree() throws ModelImportException {
        byte[] bytes = entries.get(CONFIGURATION);
        if (bytes == null) {
            throw ModelKindDetector.notAModel(file, "the zip has no " + CONFIGURATION + " entry");
        }
        try {
            JsonNode conf = new ObjectMapper().readTree(bytes);
            if (conf == null || !conf.isObject()) {
                throw damaged(CONFIGURATION, "it is not a JSON object");
            }
            return conf;
        } catch (JsonProcessingException e) {
            throw damaged(CONFIGURATION, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw damaged(CONFIGURATION, "it cannot be read (" + e.getMessage() + ")");
        }
    }

    public MultiLayerNetwork multiLayerNetwork() throws ModelImportException {
        String json = configurationText();
        try {
            MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException | LinkageError e) {
            throw damaged(CONFIGURATION, "DL4J cannot read it as a MultiLayerNetwork configuration ("
                    + ModelImporter.shortCause(e) + ")");
        }
        byte[] weights = checkCoefficients();
        try {
            return ModelSerializer.restoreMultiLayerNetwork(networkOnly(weights), false);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw mismatch(e);
        }
    }

    public ComputationGraph computationGraph() throws ModelImportException {
        String json = configurationText();
        try {
            ComputationGraphConfiguration.fromJson(json);
        } catch (RuntimeException | LinkageError e) {
            throw damaged(CONFIGURATION, "DL4J cannot read it as a ComputationGraph configuration ("
                    + ModelImporter.shortCause(e) + ")");
        }
        byte[] weights = checkCoefficients();
        try {
            return ModelSerializer.restoreComputationGraph(networkOnly(weights), false);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw mismatch(e);
        }
    }

    private ModelImportException mismatch(Throwable e) {
        return new ModelImportException(file, "the entries " + COEFFICIENTS + " and " + CONFIGURATION + " do not fit"
                + " together (" + ModelImporter.shortCause(e) + "); " + RESAVE, e);
    }

    private String configurationText() throws ModelImportException {
        configurationTree();
        return new String(entries.get(CONFIGURATION), StandardCharsets.UTF_8);
    }

    /**
     * The weights, read here and written again by ND4J from a fresh array, so that DL4J parses
     * bytes ND4J produced, never the file's; null for a network without parameters.
     */
    private byte[] checkCoefficients() throws ModelImportException {
        checkPreprocessor();
        byte[] coefficients = entries.get(COEFFICIENTS);
        if (coefficients == null) {
            if (!entries.containsKey(NO_PARAMS)) {
                throw ModelKindDetector.notAModel(file, "the zip has no " + COEFFICIENTS + " entry (the weights)");
            }
            return null;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(coefficients));
        Nd4jArrays.Parsed weights;
        try {
            weights = Nd4jArrays.read(in, coefficients.length);
        } catch (IOException | ArithmeticException e) {
            throw damaged(COEFFICIENTS, "the weight array is unreadable (" + ModelImporter.shortCause(e) + ")");
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(out)) {
                Nd4j.write(weights.toArray(), data);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw damaged(COEFFICIENTS, "the weight array is unusable (" + ModelImporter.shortCause(e) + ")");
        }
    }

    /**
     * DL4J deserialises this legacy entry and throws the object away; it is read here only under
     * {@link PreprocessorFilter}, so that a hostile one is refused by name instead of executed.
     */
    private void checkPreprocessor() throws ModelImportException {
        byte[] bytes = entries.get(PREPROCESSOR);
        if (bytes == null) {
            return;
        }
        PreprocessorFilter filter = new PreprocessorFilter(bytes.length);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            in.readObject();
        } catch (InvalidClassException e) {
            throw new ModelImportException(file, "the entry " + PREPROCESSOR + " is refused: it holds Java objects"
                    + " other than ND4J's normalisers and pre-processors (" + filter.refusal() + ", filter status"
                    + " REJECTED); deserialising them could run code or hang, so the model is not read —"
                    + " remove the entry or " + RESAVE);
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            throw damaged(PREPROCESSOR, "it is not a readable serialised pre-processor ("
                    + ModelImporter.shortCause(e) + ")");
        }
    }

    /** The normaliser DL4J stored with the network, if any (only the built-in, non-custom kinds). */
    public Optional<Normalizer<?>> normalizer() throws ModelImportException {
        byte[] bytes = entries.get(NORMALIZER);
        if (bytes == null) {
            return Optional.empty();
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            String header;
            try {
                header = in.readUTF();
            } catch (IOException e) {
                header = "";
            }
            if (!"NORMALIZER".equals(header)) {
                throw damaged(NORMALIZER, "it does not start with ND4J's normaliser header");
            }
            int version = in.readInt();
            if (version != 1) {
                throw damaged(NORMALIZER, "its format version is " + version + ", ND4J writes version 1");
            }
            String type = in.readUTF();
            if (!type.equals("STANDARDIZE") && !type.equals("MIN_MAX")) {
                throw new ModelImportException(file, "the entry " + NORMALIZER + " holds a normaliser of"
                        + " type " + Nd4jArrays.abbreviate(type) + ", which is not supported (custom normalisers"
                        + " would make DL4J load and run a class named in the file); supported normalisers:"
                        + " NormalizerStandardize, NormalizerMinMaxScaler");
            }
            // ND4J's strategies: a fit-label flag, for min-max the target range, then two arrays
            // (four when labels were fitted too).
            boolean fitLabel = in.readBoolean();
            double targetMin = 0;
            double targetMax = 1;
            if (type.equals("MIN_MAX")) {
                targetMin = in.readDouble();
                targetMax = in.readDouble();
            }
            List<Nd4jArrays.Parsed> stats = new java.util.ArrayList<>();
            for (int i = 0; i < (fitLabel ? 4 : 2); i++) {
                stats.add(Nd4jArrays.read(in, in.available()));
            }
            // Built here from fresh arrays, as ND4J's own strategies do, so ND4J never parses the entry.
            try {
                if (type.equals("STANDARDIZE")) {
                    NormalizerStandardize n = new NormalizerStandardize(stats.get(0).toArray(), stats.get(1).toArray());
                    return Optional.of(n);
                }
                NormalizerMinMaxScaler n = new NormalizerMinMaxScaler(targetMin, targetMax);
                n.setFeatureStats(stats.get(0).toArray(), stats.get(1).toArray());
                return Optional.of(n);
            } catch (RuntimeException e) {
                throw damaged(NORMALIZER, "ND4J cannot use the normaliser's statistics ("
                        + ModelImporter.shortCause(e) + ")");
            }
        } catch (ModelImportException e) {
            throw e;
        } catch (IOException | ArithmeticException e) {
            throw damaged(NORMALIZER, "the normaliser's statistics are unreadable ("
                    + ModelImporter.shortCause(e) + ")");
        }
    }

    /** A zip holding only what DL4J needs to rebuild the network; nothing it would deserialise as objects. */
    private InputStream networkOnly(byte[] weights) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of(CONFIGURATION, COEFFICIENTS, NO_PARAMS)) {
                byte[] bytes = name.equals(COEFFICIENTS) ? weights : entries.get(name);
                if (bytes != null) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
