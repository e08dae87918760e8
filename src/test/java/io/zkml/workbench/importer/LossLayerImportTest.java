package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.GraphSummary;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue #17 item 3: a DL4J zip ending in an identity LossLayer (what Keras models exported through
 * DL4J look like: Dense(softmax) + LossLayer) imports; the Dense becomes the Output layer it is at
 * inference, naming the loss and the dropped layer, and the graph computes DL4J's output.
 */
class LossLayerImportTest {

    @TempDir
    Path dir;

    @Test
    void identityLossLayerIsAnInferenceNoOp() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.1)).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(3).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path zip = dir.resolve("with-loss-layer.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);

        ModelGraph g = new ModelImporter().importModel(zip);

        assertEquals(List.of("layer1"), g.outputs(), "the LossLayer gets no node");
        assertEquals(3, g.nodes().size());
        LayerOp.Output out = assertInstanceOf(LayerOp.Output.class, g.node("layer1").op());
        assertEquals(Activation.SOFTMAX, out.activation());
        assertTrue(out.loss().contains("MCXENT") && out.loss().contains("LossLayer layer2"), out.loss());
        assertTrue(GraphSummary.of(g).layers().stream().anyMatch(l -> l.details().contains("LossLayer layer2")),
                "inspect shows the dropped layer");

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 4);
        INDArray expected = net.output(x, false);
        for (int r = 0; r < 5; r++) {
            float[] row = x.getRow(r).toFloatVector();
            float[] got = new FloatInterpreter(g).output(row);
            assertArrayEquals(expected.getRow(r).toFloatVector(), got, 1e-5f, "row " + r);
        }
    }
}
