package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The training recipes behind {@link SampleCatalog}; seeds and epochs were chosen once and fixed. */
final class SampleRecipes {

    static final double TEST_FRACTION = 0.2;
    private static final long SPLIT_SEED = 20240601L;

    static final List<SampleRecipe> ALL = List.of(
            new SampleRecipe("iris-mlp", SourceDatasets::iris, NormalizerKind.STANDARDIZE,
                    SPLIT_SEED, 42, 100, 16, 0.01, (r, d) -> mlp(r, 4, new int[]{16}, 3)),
            new SampleRecipe("iris-tiny", SourceDatasets::iris, NormalizerKind.STANDARDIZE,
                    // Full batch (all 120 rows): 200 steps are enough here and keep the retraining test fast.
                    SPLIT_SEED, 7, 200, 120, 0.05, (r, d) -> mlp(r, 4, new int[]{4}, 3)),
            new SampleRecipe("breast-cancer-mlp", SourceDatasets::breastCancer, NormalizerKind.STANDARDIZE,
                    SPLIT_SEED, 42, 60, 32, 0.001, (r, d) -> mlp(r, 30, new int[]{32, 16}, 2)),
            new SampleRecipe("digits-cnn", SourceDatasets::digits, NormalizerKind.MIN_MAX,
                    SPLIT_SEED, 42, 30, 32, 0.005, (r, d) -> digitsCnn(r)),
            new SampleRecipe("diabetes-regression", SourceDatasets::diabetes, NormalizerKind.STANDARDIZE,
                    SPLIT_SEED, 42, 150, 32, 0.01, SampleRecipes::diabetesRegressor),
            new SampleRecipe("wine-mlp", SourceDatasets::wine, NormalizerKind.STANDARDIZE,
                    SPLIT_SEED, 42, 100, 16, 0.01, (r, d) -> wineBatchNorm(r)));

    private SampleRecipes() {
    }

    static Optional<SampleRecipe> find(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private static NeuralNetConfiguration.Builder base(SampleRecipe r) {
        return new NeuralNetConfiguration.Builder()
                .seed(r.seed())
                .updater(new Adam(r.learningRate()))
                .weightInit(WeightInit.XAVIER);
    }

    private static Model mlp(SampleRecipe r, int nIn, int[] hidden, int nClasses) {
        NeuralNetConfiguration.ListBuilder list = base(r).list();
        int in = nIn;
        for (int h : hidden) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.RELU).build());
            in = h;
        }
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT)
                .nIn(in).nOut(nClasses).activation(Activation.SOFTMAX).build());
        return init(list.build());
    }

    private static Model wineBatchNorm(SampleRecipe r) {
        MultiLayerConfiguration conf = base(r).list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(13))
                .build();
        return init(conf);
    }

    private static Model diabetesRegressor(SampleRecipe r, Dataset rawTrain) {
        // Targets stay raw (25..346); starting the output bias at the training mean spares Adam
        // hundreds of epochs of just walking the bias up from zero.
        double meanTarget = Arrays.stream(rawTrain.targets()).average().orElse(0);
        MultiLayerConfiguration conf = base(r).list()
                .layer(new DenseLayer.Builder().nIn(10).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE)
                        .nIn(16).nOut(1).activation(Activation.IDENTITY).biasInit(meanTarget).build())
                .build();
        return init(conf);
    }

    private static Model digitsCnn(SampleRecipe r) {
        ComputationGraphConfiguration conf = base(r).graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3)
                        .nOut(8).stride(1, 1).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build(), "pixels")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "conv")
                .addLayer("output", new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(10).activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("output")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
