package io.zkml.workbench.samples;

import io.zkml.workbench.data.Permutations;
import io.zkml.workbench.data.CsvDatasetWriter;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.DatasetException;
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
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains the bundled sample models and writes, per sample, {@code <name>.zip} (network plus its
 * normaliser, no updater state) and the raw {@code data/<name>-train.csv} / {@code -test.csv}.
 *
 * <p>Training is deterministic: the split, weight init and epoch shuffling all come from fixed
 * seeds, and ND4J runs single-threaded while training so no parallel reduction can reorder sums.
 */
public final class SampleTrainer {

    private final Optional<Path> fashionMnist;

    /** A trainer that looks for Fashion-MNIST in {@link FashionMnist#DEFAULT_FOLDERS}. */
    public SampleTrainer() {
        this(Optional.empty());
    }

    /** @param fashionMnist the folder with the four Fashion-MNIST IDX files, if not in a default place */
    public SampleTrainer(Optional<Path> fashionMnist) {
        this.fashionMnist = fashionMnist;
    }

    public static void main(String[] args) throws IOException, DatasetException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-models");
        List<TrainingReport> reports = new SampleTrainer().trainAll(out);
        System.out.println();
        reports.forEach(System.out::println);
    }

    public List<TrainingReport> trainAll(Path outDir) throws IOException, DatasetException {
        List<TrainingReport> reports = new ArrayList<>();
        for (SampleRecipe recipe : SampleRecipes.ALL) {
            reports.add(train(recipe, outDir));
        }
        return reports;
    }

    public TrainingReport train(String name, Path outDir) throws IOException, DatasetException {
        SampleRecipe recipe = SampleRecipes.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no sample named '" + name
                        + "'; known: " + SampleRecipes.ALL.stream().map(SampleRecipe::name).toList()));
        return train(recipe, outDir);
    }

    TrainingReport train(SampleRecipe recipe, Path outDir) throws IOException, DatasetException {
        SampleInfo info = SampleCatalog.get(recipe.name());
        TrainTestSplit split = recipe.split().load(fashionMnist);
        Dataset committedTest = committedTest(recipe, split.test());
        CsvDatasetWriter csv = new CsvDatasetWriter();
        Optional<Path> trainCsv = info.trainCsvPath(outDir);
        if (trainCsv.isPresent()) {
            csv.write(split.train(), trainCsv.get());
        }
        csv.write(committedTest, info.testCsvPath(outDir));

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
        double committedMetric = committedTest == split.test() ? metric : saved.evaluate(committedTest);
        return new TrainingReport(recipe.name(), info.task(), model.numParams(), metric,
                split.train().size(), split.test().size(), committedMetric, committedTest.size(), zip, millis);
    }

    /** The whole test split, or the first {@code testCsvPerClass} rows of each class in the split's order. */
    static Dataset committedTest(SampleRecipe recipe, Dataset test) {
        int perClass = recipe.testCsvPerClass();
        if (perClass == 0) {
            return test;
        }
        int[] taken = new int[test.numClasses()];
        int[] rows = IntStream.range(0, test.size())
                .filter(i -> taken[test.labels()[i]]++ < perClass)
                .toArray();
        return test.subset(rows);
    }

    private record Trained(Model model, DataNormalization normalizer) {
    }

    private static Trained fit(SampleRecipe recipe, Dataset rawTrain) {
        DataSet train = toDataSet(rawTrain);
        DataNormalization normalizer = fitNormalizer(recipe, train);
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

    static DataNormalization fitNormalizer(SampleRecipe recipe, DataSet rawTrain) {
        if (recipe.normalizer() == NormalizerKind.MIN_MAX) {
            NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler(0, 1);
            scaler.fit(rawTrain);
            // Pixels are 0..pixelMax by definition (16 for digits, 255 for Fashion-MNIST); a fixed
            // range (rather than per-pixel observed extremes) keeps every pixel on one scale and
            // survives unseen brighter strokes.
            scaler.setFeatureStats(Nd4j.zerosLike(scaler.getMin()),
                    Nd4j.zerosLike(scaler.getMax()).addi(recipe.pixelMax()));
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
