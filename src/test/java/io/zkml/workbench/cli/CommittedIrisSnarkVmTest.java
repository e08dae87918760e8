package io.zkml.workbench.cli;

import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.SnarkVm;

import io.zkml.workbench.bundle.BundleManifest;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.PackedWeights;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.codegen.WeightsSalt;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ExportedProject;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #18's auditor case on a gallery sample: iris-tiny with private-committed weights (the packed,
 * salted encoding) fits the offline 2^16 parameters, is proven and verified with the real snarkVM, and
 * {@code verify --model --salt} recomputes the commitment from the model file and the salt alone; a copy
 * of the model with one weight changed fails it (with the program from the model still matching), as do
 * a missing or wrong salt and a manifest claiming another commitment than the proof's output. Since issue
 * #15 this is the tier's one proof with private-committed weights for those checks (CommittedPipelineTest
 * proved a 2-2-2 network for the same ones; it keeps the pinned case).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedIrisSnarkVmTest {

    static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");
    static final String SALT = "5a17ed0fc0ffee00deadbeef12345678";
    /** iris-tiny row 0 with private-committed weights under scheme /1 and {@link #SALT}: an old bundle, kept as a file. */
    static final Path SCHEME_ONE_BUNDLE = Path.of("src/test/resources/io/zkml/workbench/cli/iris-tiny-scheme1-row0.zip");

    private SidecarTestbed testbed;
    private SidecarClient client;
    private Path tmp;

    @BeforeAll
    void start(SidecarClient shared) throws Exception {
        testbed = SidecarTestbed.start("zkml-committed-iris-", shared);
        tmp = testbed.tmp;
        client = testbed.client;
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    /** Issue #17: samples.json lists every output the program returns, the weights commitment included. */
    @Test
    void samplesJsonExpectsTheCommitmentTheProgramReturns() throws Exception {
        Path project = tmp.resolve("iris-committed-samples");
        CliRunner.Result export = CliRunner.run(client, "export", IRIS_TINY.toString(), "--weights", "private-committed",
                "--salt", SALT, "--out", project.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        ExportedProject p = ExportedProject.read(project);
        String commitment = p.sample(0).expectedOutputs().get(p.sample(0).expectedOutputs().size() - 1);
        assertTrue(commitment.endsWith("field"), p.sample(0).expectedOutputs().toString());
        io.zkml.workbench.export.SampleJson s = p.sample(0);
        assertEquals(s.expectedOutputs(), client.execute(p.aleoText(), "main", s.inputs()).outputs(), "snarkVM returns them all");
        assertTrue(Files.readString(project.resolve("README.md")).contains(commitment), "the README's leo run lines expect it too");
    }

    @Test
    void irisTinyWithCommittedWeightsIsProvenOfflineAndAuditedWithModelAndSalt() throws Exception {
        Path project = tmp.resolve("iris-committed");
        CliRunner.Result export = CliRunner.run(client, "export", IRIS_TINY.toString(), "--weights", "private-committed",
                "--salt", SALT, "--out", project.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        assertEquals(SALT, Files.readString(project.resolve("weights-salt.txt")).trim(), "the owner keeps the salt");

        Path bundle = tmp.resolve("iris-committed.zip");
        CliRunner.Result prove = CliRunner.run(client, "prove", project.toString(), "--row", "0", "--out", bundle.toString());
        assertEquals(0, prove.exit(), prove.out() + prove.err());
        ProofBundle b = ProofBundle.read(bundle);
        assertTrue(b.manifest().commitmentScheme().startsWith("psd8-packed-u128-salted/2"), b.manifest().commitmentScheme());
        assertTrue(b.manifest().circuit().constraints() <= 16_384, "fits 2^16: " + b.manifest().circuit());
        String commitment = b.manifest().modelCommitment();
        assertTrue(commitment != null && commitment.endsWith("field"), "the proof's last public output is the commitment: " + commitment);
        assertFalse(new String(Files.readAllBytes(bundle), StandardCharsets.ISO_8859_1).contains(SALT), "the salt stays with the owner");

        CliRunner.Result plain = CliRunner.run(client, "verify", bundle.toString());
        assertEquals(0, plain.exit(), plain.out() + plain.err());
        assertTrue(plain.out().contains(commitment), "verify states the proven commitment:\n" + plain.out());

        CliRunner.Result owner = CliRunner.run(client, "verify", bundle.toString(), "--model", IRIS_TINY.toString(),
                "--salt", SALT);
        assertEquals(0, owner.exit(), owner.out() + owner.err());
        assertTrue(owner.out().contains("[ok] model commitment: the public commitment " + commitment), owner.out());
        assertTrue(owner.out().contains("[ok] program from model"), owner.out());

        CliRunner.Result wrongSalt = CliRunner.run(client, "verify", bundle.toString(), "--model", IRIS_TINY.toString(),
                "--salt", "1");
        assertEquals(2, wrongSalt.exit(), wrongSalt.out() + wrongSalt.err());
        assertTrue(wrongSalt.out().contains("[FAIL] model commitment"), wrongSalt.out());

        CliRunner.Result noSalt = CliRunner.run(client, "verify", bundle.toString(), "--model", IRIS_TINY.toString());
        assertEquals(2, noSalt.exit(), noSalt.out() + noSalt.err());
        assertTrue(noSalt.out().contains("--salt"), "says what is missing:\n" + noSalt.out());

        Path tampered = tmp.resolve("iris-tiny-tampered.zip");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(IRIS_TINY.toFile(), true);
        INDArray w = net.getLayer(0).getParam("W");
        w.putScalar(0, 0, w.getDouble(0, 0) + 0.25);
        ModelSerializer.writeModel(net, tampered.toFile(), true);
        var normalizer = ModelSerializer.restoreNormalizerFromFile(IRIS_TINY.toFile());
        if (normalizer != null) {
            ModelSerializer.addNormalizerToModel(tampered.toFile(), normalizer);
        }
        CliRunner.Result other = CliRunner.run(client, "verify", bundle.toString(), "--model", tampered.toString(),
                "--quant", project.resolve("quant.json").toString(), "--salt", SALT);
        assertEquals(2, other.exit(), other.out() + other.err());
        assertTrue(other.out().contains("[FAIL] model commitment"), other.out());
        // Same architecture and spec: the program text is the same, only the committed weights differ.
        assertTrue(other.out().contains("[ok] program from model"), other.out());
        assertTrue(other.out().contains("NOT VALID"), other.out());

        // A manifest claiming another commitment than the proof's output fails even without --model.
        BundleManifest m0 = b.manifest();
        BundleManifest forged = new BundleManifest(m0.formatVersion(), m0.programId(), m0.function(), m0.publicOutputs(),
                m0.decoded(), m0.inputTypes(), m0.row(), m0.modelFile(), m0.modelSha256(), m0.quantSpecSha256(),
                m0.programSha256(), "1field", m0.versions(), m0.timings(), m0.circuit(), m0.keysFromCache(), m0.createdAt(),
                m0.weightsMode(), m0.consensusVersion(), m0.commitmentScheme());
        Path forgedZip = tmp.resolve("forged-commitment.zip");
        new ProofBundle(forged, b.mainAleo(), b.mainLeo(), b.execution(), b.verifyingKey(), b.quantJson()).writeZip(forgedZip);
        CliRunner.Result f = CliRunner.run(client, "verify", forgedZip.toString());
        assertEquals(2, f.exit(), f.out() + f.err());
        assertTrue(f.out().contains("[FAIL] commitment output"), f.out());

        // The cost model predicts the synthesized circuit exactly.
        String spec = Files.readString(project.resolve("quant.json"));
        CompiledModel m = ModelCompiler.standard().compileWith(ModelSession.open(IRIS_TINY, null),
                new QuantSpecJson().fromJson(spec, "quant.json"), spec,
                new CompileSettings(WeightsMode.PRIVATE_COMMITTED, "iris_tiny", null).withSalt(WeightsSalt.parse(SALT)), null);
        assertEquals(ExportedProject.read(project).aleoText(), m.aleoText());
        ExactCost.assertExact(b.manifest().circuit(), m.cost(), "iris-tiny private-committed (packed)");
        // The golden record the quick tier holds the prediction to (GoldenSamplesTest): the same program text
        // (a private-committed program does not depend on the salt).
        if (!GoldenFiles.updating()) {
            assertEquals(GoldenFiles.read(GoldenSamplesTest.PROVEN_COMMITTED, "main.aleo"), m.aleoText());
        }
        RecordedCircuits.check(GoldenSamplesTest.PROVEN_COMMITTED, b.manifest().circuit());
    }

    /**
     * iris-mlp with committed weights fits the offline 2^16 parameters once its spec is auto-tuned for the
     * committed program (`auto-tune --weights private-committed`: the per-bit cost makes weight widths the
     * lever): proven and verified offline, predicted exactly, and audited with the model file and the salt.
     */
    @Test
    void irisMlpAutoTunedForCommittedWeightsIsProvenOffline() throws Exception {
        Path mlp = Path.of("sample-models/iris-mlp.zip");
        Path spec = tmp.resolve("iris-mlp-committed.json");
        CliRunner.Result tune = CliRunner.run(client, "auto-tune", mlp.toString(), "--weights", "private-committed",
                "--salt", SALT, "--out", spec.toString());
        assertEquals(0, tune.exit(), tune.out() + tune.err());
        Path project = tmp.resolve("iris-mlp-committed");
        CliRunner.Result export = CliRunner.run(client, "export", mlp.toString(), "--quant", spec.toString(),
                "--weights", "private-committed", "--salt", SALT, "--out", project.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        Path bundle = tmp.resolve("iris-mlp-committed.zip");
        CliRunner.Result prove = CliRunner.run(client, "prove", project.toString(), "--row", "0", "--out", bundle.toString());
        assertEquals(0, prove.exit(), prove.out() + prove.err());
        ProofBundle b = ProofBundle.read(bundle);
        assertEquals(16, b.manifest().circuit().srsDegreeLog2(), "offline: " + b.manifest().circuit());

        CliRunner.Result owner = CliRunner.run(client, "verify", bundle.toString(), "--model", mlp.toString(), "--salt", SALT);
        assertEquals(0, owner.exit(), owner.out() + owner.err());
        assertTrue(owner.out().contains("[ok] model commitment"), owner.out());

        String q = Files.readString(spec);
        ModelSession session = ModelSession.open(mlp, null);
        CompileSettings settings = new CompileSettings(WeightsMode.PRIVATE_COMMITTED, "iris_mlp", null)
                .withSalt(WeightsSalt.parse(SALT));
        CompiledModel m = ModelCompiler.standard().compileWith(session, new QuantSpecJson().fromJson(q, "tuned"), q,
                settings, null);
        assertEquals(ExportedProject.read(project).aleoText(), m.aleoText());
        ExactCost.assertExact(b.manifest().circuit(), m.cost(), "iris-mlp private-committed (auto-tuned)");
        CompiledModel constant = ModelCompiler.standard().compileWith(session, new QuantSpecJson().fromJson(q, "tuned"), q,
                settings.withWeightsMode(WeightsMode.CONSTANT), null);
        double perWeight = (double) (m.cost().total().constraints() - constant.cost().total().constraints())
                / PackedWeights.of(m.quantized()).parameters();
        System.out.printf("[committed] iris-mlp auto-tuned: %.1f constraints per committed weight%n", perWeight);
    }

    /**
     * Old bundles still verify: a bundle proven with scheme /1 (the weights in a second input) records that
     * scheme, and {@code verify --model --salt} recompiles with it, re-derives the key and recomputes the
     * commitment, which is the same value /2 commits to for that salt. The bundle is a committed file
     * ({@link #SCHEME_ONE_BUNDLE}, iris-tiny row 0 proven with /1 by the workbench of 6 December 2026), as a
     * user's old bundle is: proving it again on every run (as this test did before issue #15) cost a proof
     * and checked only that today's code reads what today's code writes. Its program is the golden
     * {@code legacy/iris-tiny-scheme1} text up to the spelling of field literals (ModelChecksSchemeTest
     * holds the compiler to it); the first
     * verification on a key cache derives that program's key and records its hash, later runs use the record.
     */
    @Test
    void aSchemeOneBundleStillVerifiesWithTheModelAndSalt() throws Exception {
        ProofBundle b = ProofBundle.read(SCHEME_ONE_BUNDLE);
        assertTrue(b.manifest().commitmentScheme().startsWith("psd8-packed-u128-salted/1"), b.manifest().commitmentScheme());
        // The /1 program (field literals are spelled shorter since /1's era: the same constants and circuit).
        assertEquals(GoldenFiles.read("legacy/iris-tiny-scheme1", "main.aleo"),
                io.zkml.workbench.codegen.AleoPrinter.canonicalFieldLiterals(b.mainAleo()), "the /1 program");
        ModelSession session = ModelSession.open(IRIS_TINY, null);
        var q = session.calibrate();
        CompiledModel m = ModelCompiler.standard().compileWith(session, q, new QuantSpecJson().toJson(q),
                new CompileSettings(WeightsMode.PRIVATE_COMMITTED, "iris_tiny", null)
                        .withScheme(CommitmentScheme.PACKED_PSD8).withSalt(WeightsSalt.parse(SALT)), null);
        assertEquals(2, m.program().inputs().size(), "scheme /1: data and weights apart");
        assertEquals(PackedWeights.of(m.quantized()).commitment(WeightsSalt.parse(SALT), client.fieldHash()),
                b.manifest().modelCommitment(), "/1 and /2 commit to the same salt and weights");

        CliRunner.Result owner = CliRunner.run(client, "verify", SCHEME_ONE_BUNDLE.toString(), "--model", IRIS_TINY.toString(),
                "--salt", SALT);
        assertEquals(0, owner.exit(), owner.out() + owner.err());
        assertTrue(owner.out().contains("[ok] model commitment") && owner.out().contains("[ok] program from model"),
                owner.out());
        assertTrue(owner.out().contains("psd8-packed-u128-salted/1"), "names the bundle's scheme:\n" + owner.out());
    }
}
