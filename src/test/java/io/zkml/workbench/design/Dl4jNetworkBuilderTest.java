package io.zkml.workbench.design;

import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jNetworkBuilderTest {

    private final RetrainSettings settings = RetrainSettings.of(1, 0.01);

    @Test
    void irisMlpRebuiltWithCopiedWeightsGivesTheOriginalOutputs() throws Exception {
        assertSameOutputs("iris-mlp", MultiLayerNetwork.class);
    }

    @Test
    void digitsCnnRebuildsAsAComputationGraphWithTheSameOutputs() throws Exception {
        assertSameOutputs("digits-cnn", ComputationGraph.class);
    }

    @Test
    void freshLayersKeepDl4jsInitialisation() throws Exception {
        ModelGraph g = GraphEditTest.sample("iris-mlp");
        BuiltNetwork built = new Dl4jNetworkBuilder().build(g, Set.of("layer1"), settings);
        assertEquals(Set.of("layer0"), built.copiedWeights());
    }

    private void assertSameOutputs(String sample, Class<?> kind) throws Exception {
        File zip = Path.of("sample-models", sample + ".zip").toFile();
        ModelGraph g = GraphEditTest.sample(sample);
        BuiltNetwork built = new Dl4jNetworkBuilder().build(g, Set.of(), settings);
        assertInstanceOf(kind, built.network());
        Set<String> withParams = g.nodes().stream().filter(n -> !n.params().isEmpty()).map(Node::name)
                .collect(Collectors.toSet());
        assertEquals(withParams, built.copiedWeights());

        Dataset test = new CsvDatasetReader().read(Path.of("sample-models/data/" + sample + "-test.csv"));
        DataNormalization norm = ModelSerializer.restoreNormalizerFromFile(zip);
        INDArray x = Nd4j.create(test.features());
        norm.transform(x);
        Model original = kind == ComputationGraph.class ? ModelSerializer.restoreComputationGraph(zip, false)
                : ModelSerializer.restoreMultiLayerNetwork(zip, false);
        INDArray expected = output(original, x);
        INDArray actual = output(built.network(), x);
        assertEquals(expected.length(), actual.length());
        double maxDiff = Transforms.maxAbsDiff(expected, actual);
        assertTrue(maxDiff < 1e-5, "max difference " + maxDiff);
    }

    private static INDArray output(Model m, INDArray x) {
        return m instanceof ComputationGraph cg ? cg.outputSingle(false, x) : ((MultiLayerNetwork) m).output(x, false);
    }

    private static final class Transforms {
        static double maxAbsDiff(INDArray a, INDArray b) {
            return a.sub(b).amaxNumber().doubleValue();
        }
    }
}
