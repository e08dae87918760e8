package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.InputNormalizer;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J zips built here, saved, imported, and held to DL4J's own per-layer activations. */
class Dl4jImportTest {

    private static final int BATCH = 8;

    @TempDir
    Path dir;

    private final ModelImporter importer = new ModelImporter();

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1))
                .dataType(DataType.FLOAT);
    }

    private static INDArray randomInput(long seed, int rows, int features) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, rows, features).muli(1.5);
    }

    private Path save(org.deeplearning4j.nn.api.Model model, String name) throws Exception {
        File f = dir.resolve(name).toFile();
        ModelSerializer.writeModel(model, f, false);
        return f.toPath();
    }

    private static List<String> layerNames(MultiLayerNetwork net) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(MultiLayerNetworkConverter.layerName(net.getLayerWiseConfigurations().getConf(i).getLayer(), i));
        }
        return names;
    }

    private static void assertMlnMatches(ModelGraph g, MultiLayerNetwork net, INDArray x) {
        Map<String, INDArray> expected = Dl4jComparison.byLayerName(net.feedForward(x, false), layerNames(net));
        int checks = Dl4jComparison.assertMatches(g, x, expected, false);
        assertEquals(BATCH * (net.getnLayers() + 1), checks);
    }

    @Test
    void mlpWithEveryActivationMatchesDl4jPerLayer() throws Exception {
        MultiLayerConfiguration conf = base().list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(10).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(9).activation(new ActivationLReLU(0.3)).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(org.nd4j.linalg.activations.Activation.HARDTANH).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(org.nd4j.linalg.activations.Activation.HARDSIGMOID).build())
                .layer(new DropoutLayer.Builder(0.6).name("drop").build())
                .layer(new DenseLayer.Builder().nOut(7).activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                        .dropOut(0.5).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(org.nd4j.linalg.activations.Activation.TANH)
                        .hasBias(false).build())
                .layer(new ActivationLayer.Builder().activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Larger inputs so ReLU, LeakyReLU, HardTanh and HardSigmoid all hit both sides of their kinks.
        INDArray x = randomInput(1, BATCH, 6).muli(3);
        ModelGraph g = importer.importModel(save(net, "mlp.zip"));

        assertEquals(ModelGraph.SourceKind.DL4J_MULTILAYER, g.sourceKind());
        assertEquals("mlp", g.name());
        assertEquals(Shape.flat(6), g.inputShape());
        assertEquals(List.of("layer8"), g.outputs());
        assertEquals(Activation.leakyRelu(0.3), g.node("layer1").op().activation());
        assertEquals(Activation.HARD_SIGMOID, g.node("layer3").op().activation());
        assertInstanceOf(LayerOp.Dropout.class, g.node("drop").op());
        assertEquals(0.6, ((LayerOp.Dropout) g.node("drop").op()).retainProbability(), 1e-12);
        assertEquals(false, ((LayerOp.Dense) g.node("layer6").op()).hasBias());
        LayerOp.Output out = (LayerOp.Output) g.node("layer8").op();
        assertEquals(Activation.SOFTMAX, out.activation());
        assertTrue(out.loss().toUpperCase().contains("MCXENT"), out.loss());
        assertEquals(org.deeplearning4j.nn.conf.layers.OutputLayer.class.getName(), g.node("layer8").sourceClass());
        assertMlnMatches(g, net, x);
    }

    /** Sets a BatchNormalization layer's running statistics to something far from the 0/1 defaults. */
    private static void perturbBatchNorm(org.deeplearning4j.nn.api.Layer layer, int features, boolean logStd,
                                         long seed) {
        Nd4j.getRandom().setSeed(seed);
        layer.getParam("mean").assign(Nd4j.randn(DataType.FLOAT, 1, features).muli(0.7));
        INDArray var = Nd4j.rand(DataType.FLOAT, 1, features).muli(2).addi(0.3);
        if (logStd) {
            layer.getParam("log10stdev").assign(org.nd4j.linalg.ops.transforms.Transforms.log(var, 10, true).muli(0.5));
        } else {
            layer.getParam("var").assign(var);
        }
        layer.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, features).addi(0.5));
        layer.getParam("beta").assign(Nd4j.randn(DataType.FLOAT, 1, features).muli(0.3));
    }

    private MultiLayerNetwork cnn(boolean logStd) {
        MultiLayerConfiguration conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv_same").nOut(4).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("max").kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv_s2").nOut(5).stride(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn_conv").useLogStd(logStd).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("avg_same").kernelSize(2, 2).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv_s2_same").nOut(3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("avg_trunc").kernelSize(2, 2).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(6)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                .layer(new BatchNormalization.Builder().name("bn_ff").useLogStd(logStd).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(11, 10, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        perturbBatchNorm(net.getLayer(3), 5, logStd, 7);
        perturbBatchNorm(net.getLayer(8), 6, logStd, 8);
        return net;
    }

    @Test
    void cnnWithSameAndTruncatePaddingPoolingAndBatchNormMatchesDl4jPerLayer() throws Exception {
        for (boolean logStd : new boolean[] {true, false}) {
            MultiLayerNetwork net = cnn(logStd);
            INDArray x = randomInput(2, BATCH, 11 * 10 * 2);
            ModelGraph g = importer.importModel(save(net, "cnn-" + logStd + ".zip"));

            assertEquals(Shape.flat(220), g.inputShape());
            assertInstanceOf(LayerOp.Reshape.class, g.node("conv_same_reshape").op());
            assertEquals(Shape.chw(2, 11, 10), g.node("conv_same_reshape").outputShape());
            assertInstanceOf(LayerOp.Flatten.class, g.node("dense_flatten").op());
            LayerOp.Conv2D same = (LayerOp.Conv2D) g.node("conv_same").op();
            assertEquals(Padding.SAME, same.padding());
            LayerOp.Conv2D s2 = (LayerOp.Conv2D) g.node("conv_s2").op();
            assertEquals(Padding.explicit(1, 1), s2.padding());
            assertEquals(2, s2.strideH());
            assertEquals(LayerOp.PoolKind.AVG, ((LayerOp.Pool2D) g.node("avg_same").op()).kind());
            assertEquals(Shape.chw(5, 3, 3), g.node("conv_s2").outputShape());
            assertEquals(Shape.chw(3, 2, 2), g.node("conv_s2_same").outputShape());
            assertMlnMatches(g, net, x);
        }
    }

    @Test
    void computationGraphWithBranchesAndAddMatchesDl4jPerVertex() throws Exception {
        ComputationGraphConfiguration conf = base().graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(8, 8, 1))
                .addLayer("c0", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "pixels")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build(), "c0")
                .addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(4)
                        .activation(new ActivationLReLU(0.1)).build(), "c0")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c2")
                .addLayer("bn", new BatchNormalization.Builder().build(), "sum")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "bn")
                .addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(4, 4, 4)), "pool")
                .addLayer("d1", new DenseLayer.Builder().nOut(5)
                        .activation(org.nd4j.linalg.activations.Activation.HARDTANH).build(), "flat")
                .addLayer("d2", new DenseLayer.Builder().nOut(5)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build(), "flat")
                .addVertex("sum2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d1", "d2", "flat_skip")
                .addLayer("flat_skip", new DenseLayer.Builder().nOut(5).build(), "flat")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "sum2")
                .setOutputs("out")
                .build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        perturbBatchNorm(cg.getLayer("bn"), 4, true, 9);
        INDArray x = randomInput(3, BATCH, 64);
        ModelGraph g = importer.importModel(save(cg, "graph.zip"));

        assertEquals(ModelGraph.SourceKind.DL4J_COMPUTATION_GRAPH, g.sourceKind());
        assertEquals(List.of("out"), g.outputs());
        assertEquals(List.of("c1", "c2"), g.node("sum").inputs());
        assertInstanceOf(LayerOp.ElementwiseAdd.class, g.node("sum2").op());
        assertEquals(3, g.node("sum2").inputs().size());
        assertInstanceOf(LayerOp.Flatten.class, g.node("flat").op());
        Map<String, INDArray> expected = cg.feedForward(x, false);
        int checks = Dl4jComparison.assertMatches(g, x, expected, false);
        assertEquals(BATCH * expected.size(), checks);
    }

    @Test
    void standardizeNormalizerRoundTrips() throws Exception {
        INDArray features = randomInput(4, 50, 5).muli(3).addi(2);
        NormalizerStandardize std = new NormalizerStandardize();
        std.fit(new DataSet(features, Nd4j.zeros(DataType.FLOAT, 50, 1)));
        assertNormalizerRoundTrip(std, features, "standardize");
    }

    @Test
    void minMaxNormalizerRoundTrips() throws Exception {
        INDArray features = randomInput(5, 50, 5).muli(4).subi(1);
        NormalizerMinMaxScaler mm = new NormalizerMinMaxScaler(-1, 1);
        mm.fit(new DataSet(features, Nd4j.zeros(DataType.FLOAT, 50, 1)));
        assertNormalizerRoundTrip(mm, features, "minmax");
    }

    private void assertNormalizerRoundTrip(DataNormalization norm, INDArray features, String kind) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        net.init();
        Path file = save(net, kind + ".zip");
        ModelSerializer.addNormalizerToModel(file.toFile(), norm);
        ModelGraph g = importer.importModel(file);

        InputNormalizer n = g.normalizer().orElseThrow();
        assertEquals(kind, n.kind());
        assertEquals(5, n.features());
        INDArray expected = features.dup();
        norm.transform(expected);
        for (int r = 0; r < features.size(0); r++) {
            float[] actual = n.apply(features.getRow(r).toFloatVector());
            float[] want = expected.getRow(r).toFloatVector();
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], actual[k], 1e-5, "row " + r + " feature " + k);
            }
        }
    }

    @Test
    void modelWithoutNormalizerHasNone() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build());
        net.init();
        assertTrue(importer.importModel(save(net, "plain.zip")).normalizer().isEmpty());
    }
}
