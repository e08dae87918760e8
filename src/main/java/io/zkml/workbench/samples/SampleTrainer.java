package io.zkml.workbench.samples;

import io.zkml.workbench.data.Permutations;
import io.zkml.workbench.data.CsvDatasetWriter;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains the bundled sample models and writes, per sample, {@code <name>.zip} (network plus its
 * normaliser, no updater state) and the raw {@code data/<name>-train.csv} / {@code -test.csv}.
 *
 * <p>Training is deterministic: the split, weight init and epoch shuffling all come from fixed
 * seeds, and ND4J runs single-threaded while training so no parallel reduction can reorder sums.
 */
public final class SampleTrainer {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-models");
        List<TrainingReport> reports = new SampleTrainer().trainAll(out);
        System.out.println();
        reports.forEach(System.out::println);
    }

    public List<TrainingReport> trainAll(Path outDir) throws IOException {
        List<TrainingReport> reports = new ArrayList<>();
        for (SampleRecipe recipe : SampleRecipes.ALL) {
            reports.add(train(recipe, outDir));
        }
        return reports;
    }

    public TrainingReport train(String name, Path outDir) throws IOException {
        SampleRecipe recipe = SampleRecipes.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no sample named '" + name
                        + "'; known: " + SampleRecipes.ALL.stream().map(SampleRecipe::name).toList()));
        return train(recipe, outDir);
    }

    TrainingReport train(SampleRecipe recipe, Path outDir) throws IOException {
        SampleInfo info = SampleCatalog.get(recipe.name());
        TrainTestSplit split = TrainTestSplit.stratified(recipe.source().get(), SampleRecipes.TEST_FRACTION,
                recipe.splitSeed());
        CsvDatasetWriter csv = new CsvDatasetWriter();
        csv.write(split.train(), info.trainCsvPath(outDir));
        csv.write(split.test(), info.testCsvPath(outDir));

        long start = System.currentTimeMillis();
        Trained trained = singleThreaded(() -> fit(recipe, split.train()));
        Model model = trained.model();
        long millis = System.currentTimeMillis() - start;

        Path zip = info.modelPath(outDir);
        File zipFile = zip.toFile();
        ModelSerializer.writeModel(model, zipFile, false);
        ModelSerializer.addNormalizerToModel(zipFile, trained.normalizer());

        // Measure on what was written, so the report matches what users (and tests) will get.
        LoadedSample saved = LoadedSample.load(zip, info.modelKind());
        if (!Arrays.equals(saved.model().params().toFloatVector(), model.params().toFloatVector())) {
            throw new IOException(zip + ": parameters did not survive the round trip");
        }
        if (!saved.normalizer().equals(trained.normalizer())) {
            throw new IOException(zip + ": normaliser did not survive the round trip");
        }
        double metric = saved.evaluate(split.test());
        return new TrainingReport(recipe.name(), info.task(), model.numParams(), metric,
                split.train().size(), split.test().size(), zip, millis);
    }

    private record Trained(Model model, DataNormalization normalizer) {
    }

    private static Trained fit(SampleRecipe recipe, Dataset rawTrain) {
        DataSet train = toDataSet(rawTrain);
        DataNormalization normalizer = fitNormalizer(recipe.normalizer(), train);
        normalizer.transform(train.getFeatures());

        Nd4j.getRandom().setSeed(recipe.seed());
        Model model = recipe.buildNetwork(rawTrain);
        Random shuffle = new Random(recipe.seed());
        int n = rawTrain.size();
        int[] order = new int[n];
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            Permutations.shuffle(order, shuffle);
            for (int from = 0; from < n; from += recipe.batchSize()) {
                int to = Math.min(n, from + recipe.batchSize());
                int[] rows = Arrays.copyOfRange(order, from, to);
                DataSet batch = new DataSet(train.getFeatures().getRows(rows), train.getLabels().getRows(rows));
                if (model instanceof ComputationGraph graph) {
                    graph.fit(batch);
                } else {
                    ((MultiLayerNetwork) model).fit(batch);
                }
            }
        }
        return new Trained(model, normalizer);
    }

    static DataSet toDataSet(Dataset data) {
        INDArray features = Nd4j.create(data.features());
        INDArray labels;
        if (data.task() == TaskKind.CLASSIFICATION) {
            labels = Nd4j.zeros(features.dataType(), data.size(), data.numClasses());
            for (int i = 0; i < data.size(); i++) {
                labels.putScalar(i, data.labels()[i], 1.0);
            }
        } else {
            labels = Nd4j.create(data.targets(), new long[]{data.size(), 1}).castTo(features.dataType());
        }
        return new DataSet(features, labels);
    }

    static DataNormalization fitNormalizer(NormalizerKind kind, DataSet rawTrain) {
        if (kind == NormalizerKind.MIN_MAX) {
            NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler(0, 1);
            scaler.fit(rawTrain);
            // Pixels are 0..16 by definition; a fixed range (rather than per-pixel observed
            // extremes) keeps every pixel on one scale and survives unseen brighter strokes.
            scaler.setFeatureStats(Nd4j.zerosLike(scaler.getMin()), Nd4j.zerosLike(scaler.getMax()).addi(16));
            return scaler;
        }
        NormalizerStandardize standardize = new NormalizerStandardize();
        standardize.fit(rawTrain);
        return standardize;
    }

    private interface Training {
        Trained run() throws IOException;
    }

    private static Trained singleThreaded(Training training) throws IOException {
        Environment env = Nd4j.getEnvironment();
        int maxThreads = env.maxThreads();
        int maxMaster = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        try {
            return training.run();
        } finally {
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(maxMaster);
        }
    }
}
