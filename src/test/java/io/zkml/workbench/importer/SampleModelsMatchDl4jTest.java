package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.session.ModelSession;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bundled samples, on their own normalised test rows: the interpreter equals DL4J per layer. */
class SampleModelsMatchDl4jTest {

    @ParameterizedTest
    @ValueSource(strings = {"iris-mlp", "iris-tiny", "breast-cancer-mlp", "diabetes-regression", "wine-mlp",
        "fashion-mlp"})
    void multiLayerSamplesMatchDl4jPerLayer(String name) throws Exception {
        Path zip = Path.of("sample-models", name + ".zip");
        ModelSession session = ModelSession.open(zip, null);
        INDArray x = Nd4j.create(session.normalizedFeatures());
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(MultiLayerNetworkConverter.layerName(net.getLayerWiseConfigurations().getConf(i).getLayer(), i));
        }
        // One forward pass per layer: DL4J's ActivationLayer works in place, so a single
        // feedForward list would show a BatchNorm's output already passed through the next ReLU.
        List<INDArray> perLayer = new ArrayList<>();
        perLayer.add(x);
        for (int i = 0; i < net.getnLayers(); i++) {
            List<INDArray> ff = net.feedForwardToLayer(i, x, false);
            perLayer.add(ff.get(ff.size() - 1).dup());
        }
        Map<String, INDArray> expected = Dl4jComparison.byLayerName(perLayer, names);
        ModelGraph g = session.graph();
        int checks = Dl4jComparison.assertMatches(g, x, expected, false);
        assertEquals(x.rows() * (net.getnLayers() + 1), checks);
    }

    @ParameterizedTest
    @ValueSource(strings = {"digits-cnn", "fashion-cnn"})
    void computationGraphSamplesMatchDl4jPerVertex(String name) throws Exception {
        File zip = Path.of("sample-models", name + ".zip").toFile();
        ModelSession session = ModelSession.open(zip.toPath(), null);
        INDArray x = Nd4j.create(session.normalizedFeatures());
        ComputationGraph cg = ModelSerializer.restoreComputationGraph(zip, false);
        Map<String, INDArray> expected = cg.feedForward(x, false);
        int checks = Dl4jComparison.assertMatches(session.graph(), x, expected, false);
        assertEquals(x.rows() * expected.size(), checks);
    }
}
