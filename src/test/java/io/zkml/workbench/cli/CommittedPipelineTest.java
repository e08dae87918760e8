package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.bundle.BundleZips;
import io.zkml.workbench.bundle.ProofBundle;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auditor's side of a proprietary model with pinned weights, end to end with the real snarkVM: a
 * 2-2-2 DL4J network (small enough for the offline 2^16 parameters even with its weights hashed) is
 * exported with pinned weights, proven through the CLI, and verified with {@code verify --model}: the
 * owner's model file and salt pass, a wrong salt or a copy with one weight changed fail the program
 * check. The private-committed case (the commitment check, salt hiding, a forged commitment) is
 * {@code CommittedIrisSnarkVmTest}'s, on iris-tiny: one committed proof for the tier instead of two.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedPipelineTest {

    /**
     * The owner's salt, fixed: the pinned constant is the salted commitment, so export's default (a fresh
     * random salt) made a new program text on every run (issue #15). The test reads the salt back from
     * weights-salt.txt, as an owner would. The model files are written byte-for-byte the same on every run
     * too (see {@link #write}), so a re-run finds its keys in the key cache.
     */
    static final String SALT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private final ObjectMapper json = new ObjectMapper();
    private SidecarTestbed testbed;
    private SidecarClient client;
    private Path tmp;
    private Path model;
    private Path otherModel;
    private Path data;
    private Path quant;

    @BeforeAll
    void start(SidecarClient shared) throws Exception {
        testbed = SidecarTestbed.start("zkml-committed-", shared);
        tmp = testbed.tmp;
        client = testbed.client;
        model = tmp.resolve("owner-222.zip");
        otherModel = tmp.resolve("tampered-222.zip");
        write(model, 0.5f);
        write(otherModel, 0.53f);
        data = tmp.resolve("data.csv");
        Files.write(data, List.of("x0,x1,label", "1.2,-0.4,0", "-0.8,1.5,1", "0.3,0.3,0", "-1.1,-0.2,1"));
        quant = tmp.resolve("quant.json");
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        for (Node n : ModelSession.open(model, data).graph().nodes()) {
            if (!(n.op() instanceof LayerOp.Input)) {
                layers.put(n.name(), LayerQuant.of(8, 8));
            }
        }
        new QuantSpecJson().write(QuantSpec.of(8, layers), quant);
    }

    /**
     * A 2-2-2 ReLU/softmax network whose first weight is {@code w00}; everything else fixed. The file is
     * byte-for-byte the same on every run (its entries re-zipped with a fixed time): the program's header
     * records the model file's SHA-256, and the key cache names keys by the program text, so a zip stamped
     * with the time of writing made a new program, and a key synthesis, on every run (issue #15).
     */
    private static void write(Path zip, float w00) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(new float[][] {{w00, -0.7f}, {0.3f, 0.8f}}));
        net.getLayer(0).setParam("b", Nd4j.create(new float[][] {{0.1f, -0.2f}}));
        net.getLayer(1).setParam("W", Nd4j.create(new float[][] {{0.9f, -0.4f}, {-0.6f, 0.2f}}));
        net.getLayer(1).setParam("b", Nd4j.create(new float[][] {{0.05f, 0.0f}}));
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Files.write(zip, BundleZips.zip(BundleZips.entries(zip)));
    }

    @AfterAll
    void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    /** Exports {@code model} in {@code mode}, proves dataset row 1 and returns the bundle. */
    private Path exportAndProve(String mode) throws Exception {
        Path project = tmp.resolve(mode);
        CliRunner.Result export = CliRunner.run(client, "export", model.toString(), "--data", data.toString(),
                "--quant", quant.toString(), "--weights", mode, "--salt", SALT, "--out", project.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        Path bundle = tmp.resolve(mode + ".zip");
        CliRunner.Result prove = CliRunner.run(client, "prove", project.toString(), "--row", "1", "--out", bundle.toString(), "--json");
        assertEquals(0, prove.exit(), prove.out() + prove.err());
        // No progress on stderr while snarkVM proves (ProveFaultsTest holds it for a --rows-from batch that skips).
        assertEquals("", prove.err(), "--json keeps stderr quiet");
        JsonNode m = json.readTree(prove.out()).path("manifest");
        assertEquals("1u8", m.path("publicOutputs").get(0).asText(), "row 1 is class 1 in the float and the integer model");
        return bundle;
    }

    /** The owner's salt, as export wrote it next to the program (never into the bundle). */
    private String salt(String mode) throws Exception {
        return Files.readString(tmp.resolve(mode).resolve("weights-salt.txt")).trim();
    }

    private CliRunner.Result verify(Path bundle, Path withModel) {
        return verify(bundle, withModel, null);
    }

    private CliRunner.Result verify(Path bundle, Path withModel, String salt) {
        List<String> args = new ArrayList<>(List.of("verify", bundle.toString()));
        if (withModel != null) {
            args.addAll(List.of("--model", withModel.toString(), "--data", data.toString()));
        }
        if (salt != null) {
            args.addAll(List.of("--salt", salt));
        }
        return CliRunner.run(client, args.toArray(String[]::new));
    }

    @Test
    void pinnedBundleRefusesAModelWithOtherWeights() throws Exception {
        Path bundle = exportAndProve("pinned");
        ProofBundle b = ProofBundle.read(bundle);
        assertEquals(List.of("1u8"), b.manifest().publicOutputs(), "pinned: the commitment is in the program, not an output");
        assertTrue(b.mainAleo().contains("assert.eq"), "the program asserts the weights hash to its constant");

        String salt = salt("pinned");
        CliRunner.Result owner = verify(bundle, model, salt);
        assertEquals(0, owner.exit(), owner.out() + owner.err());
        assertTrue(owner.out().contains("[ok] program from model"), owner.out());

        // The pinned constant is the salted commitment: a wrong salt gives another program.
        CliRunner.Result wrong = verify(bundle, model, "0badc0ffee");
        assertEquals(2, wrong.exit(), wrong.out() + wrong.err());
        assertTrue(wrong.out().contains("[FAIL] program from model"), wrong.out());

        CliRunner.Result other = verify(bundle, otherModel, salt);
        assertEquals(2, other.exit(), other.out() + other.err());
        // The other weights hash to another constant, so exporting them gives another program.
        assertTrue(other.out().contains("[FAIL] program from model"), other.out());
        assertNotEquals(owner.out(), other.out());
    }
}
