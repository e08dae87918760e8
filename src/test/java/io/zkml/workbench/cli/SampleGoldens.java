package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.GoldenJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the CLI generates for a bundled sample in one weights mode, as golden files: {@code export}'s
 * main.aleo, main.leo and export.json, and {@code cost --json}, each without what depends on the
 * machine or on earlier runs (absolute paths, the parameter folder and whether it holds the files,
 * the key cache's measured circuit).
 */
final class SampleGoldens {

    static final Path SAMPLES = Path.of("sample-models");
    /** export.json fields that name this machine. */
    static final String[] EXPORT_MACHINE_FIELDS = {"modelPath"};
    /** cost --json fields that name this machine or depend on its key cache. */
    static final String[] COST_MACHINE_FIELDS = {"paramsDir", "offlineParametersSuffice", "measured"};

    private SampleGoldens() {
    }

    /**
     * The MNIST-scale samples have no golden files: fashion-mlp's program is 1.4 million characters
     * per file and mode (megabytes of goldens to review on every compiler change), and fashion-cnn's
     * exceeds one function, so export refuses it. {@code FashionSamplesCommandTest} holds their cost.
     */
    static final Set<String> NOT_GOLDEN = Set.of("fashion-mlp", "fashion-cnn", "digits-onnx");
    // digits-onnx is digits-cnn's network with its pixel scaling folded into the convolution: another
    // 8 MB of goldens for the same lowering; OnnxSamplesSnarkVmTest runs it in snarkVM against the simulator.

    /** The model files of the bundled samples: DL4J zips and ONNX models. */
    static final List<String> MODEL_EXTENSIONS = List.of(".zip", ".onnx");

    /** The bundled samples with golden files, by file name without its extension, sorted. */
    static List<String> samples() {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.map(p -> p.getFileName().toString())
                    .flatMap(n -> MODEL_EXTENSIONS.stream().filter(n::endsWith)
                            .map(ext -> n.substring(0, n.length() - ext.length())))
                    .filter(n -> !NOT_GOLDEN.contains(n)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path modelFile(String sample) {
        return MODEL_EXTENSIONS.stream().map(ext -> SAMPLES.resolve(sample + ext)).filter(Files::isRegularFile)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no model file for sample " + sample));
    }

    static String caseName(String sample, String mode) {
        return "samples/" + sample + "/" + mode;
    }

    /**
     * The weights salt of the golden programs: private weights otherwise get a fresh random salt,
     * and a pinned program compiles the salted commitment into its text.
     */
    static final String SALT = "5a4b4d4c2d676f6c64656e2d73616c74";

    /** @param client the sidecar that hashes pinned weights (null for the other modes) */
    static Map<String, String> generate(String sample, String mode, SidecarClient client, Path tmp) throws IOException {
        String model = modelFile(sample).toString();
        Path out = tmp.resolve(sample + "-" + mode);
        CliRunner.Result export = CliRunner.run(client, "export", model, "--weights", mode, "--salt", SALT,
                "--out", out.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        CliRunner.Result cost = CliRunner.run(client, "cost", model, "--weights", mode, "--salt", SALT, "--json");
        assertEquals(0, cost.exit(), cost.out() + cost.err());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.aleo", Files.readString(out.resolve("build/main.aleo")));
        files.put("main.leo", Files.readString(out.resolve("src/main.leo")));
        files.put("export.json", GoldenJson.without(Files.readString(out.resolve("export.json")), EXPORT_MACHINE_FIELDS));
        files.put("cost.json", GoldenJson.without(cost.out(), COST_MACHINE_FIELDS));
        return files;
    }
}
