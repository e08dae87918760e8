package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A Dense 784-512-10 (MNIST-sized) network needs ~400,000 instructions; export and cost refuse it
 * from the quantized graph's shape, naming MAX_INSTRUCTIONS and its number, instead of lowering
 * and printing the whole program first (minutes and gigabytes). The time bound is a hang guard.
 */
class OverLimitModelTest {

    @TempDir
    Path tmp;

    private Path mnistSized() throws Exception {
        return dense("mnist", 784, 512, 10);
    }

    /** A Dense nIn-hidden-nOut network and a few-row dataset for it ({@code NAME.csv}). */
    private Path dense(String name, int nIn, int hidden, int nOut) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(nOut)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Path zip = tmp.resolve(name + "-" + nIn + "-" + hidden + "-" + nOut + ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        // A dataset is needed to calibrate; nIn features and a class label, a few rows.
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < nIn; c++) {
            csv.append("f").append(c).append(',');
        }
        csv.append("label\n");
        java.util.Random r = new java.util.Random(1);
        for (int row = 0; row < 20; row++) {
            for (int c = 0; c < nIn; c++) {
                csv.append(r.nextInt(256)).append(',');
            }
            csv.append(row % nOut).append('\n');
        }
        Files.writeString(tmp.resolve(name + ".csv"), csv);
        return zip;
    }

    @Test
    void anInputWiderThanAnAleoArrayIsRefusedBeforeTheProgramIsGenerated() throws Exception {
        Path model = dense("wide", 2100, 2, 2);
        CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliRunner.run(null, "cost",
                model.toString(), "--data", tmp.resolve("wide.csv").toString()));
        assertEquals(ZkmlCli.USER_ERROR, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("MAX_ARRAY_ELEMENTS = 2,048"), r.err());
        assertTrue(r.err().contains("found before generating the program"), r.err());
        assertTrue(r.err().contains("input features"), r.err());
    }

    @Test
    void exportAndCostRefuseAnMnistSizedDenseNetworkFromItsShape() throws Exception {
        Path model = mnistSized();
        String data = tmp.resolve("mnist.csv").toString();
        Path out = tmp.resolve("out");
        for (String[] args : new String[][] {
                {"export", model.toString(), "--data", data, "--out", out.toString()},
                {"cost", model.toString(), "--data", data}}) {
            CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliRunner.run(null, args));
            assertEquals(ZkmlCli.USER_ERROR, r.exit(), args[0] + ": " + r.out() + r.err());
            // One layer is never split across programs, so its text alone decides (closures and chains spread the rest).
            assertTrue(r.err().contains("MAX_PROGRAM_SIZE = 2,048,000") && r.err().contains("layer layer0 alone"), r.err());
            assertTrue(r.err().contains("(at least"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void costExitsOneWhenABlockingLimitFailsAndStillPrintsTheReport() {
        // breast-cancer-mlp under V11's 100,000-character programs: no chain helps, its first Dense layer alone
        // prints to 106,686 characters as snarkVM measures them. (digits-cnn, used before, now becomes a chain
        // cut inside its conv layer there.)
        CliRunner.Result r = CliRunner.run(null, "cost", "sample-models/breast-cancer-mlp.zip", "--consensus", "V11");
        assertEquals(ZkmlCli.USER_ERROR, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Aleo limits (consensus V11)") && r.out().contains("FAIL"), r.out());
        assertTrue(r.err().contains("does not fit Aleo's limits"), r.err());
        CliRunner.Result json = CliRunner.run(null, "cost", "sample-models/breast-cancer-mlp.zip", "--consensus", "V11",
                "--json");
        assertEquals(ZkmlCli.USER_ERROR, json.exit(), json.err());
        assertTrue(json.out().contains("\"withinLimits\" : false") || json.out().contains("\"withinLimits\":false"),
                json.out());
    }
}
