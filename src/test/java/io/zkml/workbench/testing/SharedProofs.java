package io.zkml.workbench.testing;

import io.zkml.workbench.bundle.BundleProver;
import io.zkml.workbench.bundle.KeyCache;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.bundle.ProofRequest;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.SampleJson;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Proof bundles made once per test run on the run's shared sidecar and handed to every snarkVM class
 * that only needs "a valid proof of X" to verify or tamper with (issue #15: each such bundle was
 * proven again by every class that needed one). A class takes it as a parameter, like the sidecar:
 *
 * <pre>{@code
 * @BeforeAll
 * void start(SidecarClient shared, SharedProofs proofs) {
 *     Path zip = proofs.irisTiny().zip();   // read-only: copy it before changing it
 * }
 * }</pre>
 *
 * <p>A bundle is proven on first request (its keys synthesized then unless the key cache has them) and
 * kept in a temp folder deleted when the run ends. The files are made read-only: the next class reads
 * the same bytes, so a test that edits a bundle edits a {@link Proof#copyTo copy}. Classes whose subject
 * is proving itself (the CLI's and the client's paths, progress, cancellation, a killed prover) still
 * prove; they use the same program text where the program is not the point, so the key cache
 * synthesizes it once per run.
 */
public final class SharedProofs {

    /** The iris-tiny sample, whose constant-weights program is the tier's common one. */
    public static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");

    /**
     * A proof made for the run.
     *
     * @param zip            the bundle, read-only
     * @param project        the exported folder it was proven from (as {@code zkml export} writes it), read-only
     * @param keysWereCached whether the key cache held the program's keys before this proof (else it synthesized them)
     */
    public record Proof(Path zip, Path project, boolean keysWereCached) {

        public ProofBundle read() {
            return ProofBundle.read(zip);
        }

        /** A writable copy of the bundle in {@code dir}, named {@code name}, for a test that changes it. */
        public Path copyTo(Path dir, String name) throws IOException {
            Path to = Files.createDirectories(dir).resolve(name);
            Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
            to.toFile().setWritable(true);
            return to;
        }
    }

    private final SidecarClient client;
    private final Path dir;
    private Proof irisTiny;

    SharedProofs(SidecarClient client) {
        this.client = client;
        try {
            this.dir = Files.createTempDirectory("zkml-shared-proofs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * iris-tiny with constant weights, calibrated as {@code zkml export} does by default, exported and
     * proven on its test row 0 as {@code zkml prove PROJECT --row 0} does (class 0, setosa): the golden
     * program of {@code samples/iris-tiny/constant}.
     */
    public synchronized Proof irisTiny() {
        if (irisTiny == null) {
            irisTiny = proveIrisTiny();
        }
        return irisTiny;
    }

    private Proof proveIrisTiny() {
        try {
            ModelSession session = ModelSession.open(IRIS_TINY, null);
            QuantSpec spec = session.calibrate();
            CompiledModel compiled = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
            Path project = dir.resolve("iris-tiny");
            new ModelExport(ModelCompiler.standard()).export(session, compiled, project, false);
            ExportedProject p = ExportedProject.read(project);
            boolean cached = new KeyCache(client.config().keyCacheDir()).contains(p.aleoText(), p.manifest().function());
            SampleJson row = p.sample(0);
            ProofRequest request = new ProofRequest(row.row(), row.inputs(), OutputDecoder.modelOutputs(row.expectedOutputs()));
            long started = System.nanoTime();
            ProofBundle b = new BundleProver(client, note -> { }).prove(p, request);
            Path zip = dir.resolve("iris-tiny-row0.zip");
            b.writeZip(zip);
            readOnly(dir);
            System.out.printf("[shared proofs] iris-tiny row 0 proven once for the run in %.1f s (keys %s)%n",
                    (System.nanoTime() - started) / 1e9, cached ? "cached" : "synthesized");
            return new Proof(zip, project, cached);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (io.zkml.workbench.importer.ModelImportException | io.zkml.workbench.data.DatasetException e) {
            throw new IllegalStateException("the iris-tiny sample does not open: " + e.getMessage(), e);
        }
    }

    private static void readOnly(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> f.toFile().setWritable(false));
        }
    }

    /** Deletes the run's bundles when the run ends (JUnit closes it with the root context). */
    void delete() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                p.toFile().setWritable(true);
                p.toFile().delete();
            });
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }
}
