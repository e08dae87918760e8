package io.zkml.workbench.design;

import io.zkml.workbench.data.Permutations;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Trains a designed graph with DL4J and hands it back as an ordinary model file: the network and
 * its normaliser in a zip, re-imported through {@link ModelImporter}, so quantisation, cost and
 * proving treat it like any model the user opened.
 */
public final class Retrainer {

    private final Dl4jNetworkBuilder builder = new Dl4jNetworkBuilder();

    /**
     * @param fileName  name for the written zip; keeping a sample's name keeps its class names
     * @param cancelled polled between mini-batches
     * @throws CancellationException when {@code cancelled} became true; nothing is written then
     */
    public RetrainResult retrain(ModelGraph graph, java.util.Set<String> freshLayers, TrainingData data,
                                 RetrainSettings settings, String fileName, EpochListener listener,
                                 BooleanSupplier cancelled) {
        DataSet all = toDataSet(graph, data);
        Nd4j.getRandom().setSeed(settings.seed());
        BuiltNetwork built = builder.build(graph, freshLayers, settings);
        Model net = built.network();
        Random shuffle = new Random(settings.seed());
        int n = data.rows().size();
        int[] order = new int[n];
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            Permutations.shuffle(order, shuffle);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += settings.batchSize()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("Retraining stopped during epoch " + epoch + " of "
                            + settings.epochs() + "; the model was not changed");
                }
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + settings.batchSize()));
                DataSet batch = new DataSet(all.getFeatures().getRows(rows), all.getLabels().getRows(rows));
                fit(net, batch);
                sum += net.score();
                batches++;
            }
            losses.add(sum / batches);
            listener.epochDone(epoch, settings.epochs(), sum / batches);
        }
        Path file = write(net, data, fileName);
        try {
            return new RetrainResult(file, new ModelImporter().importModel(file), losses, built.copiedWeights());
        } catch (ModelImportException e) {
            throw new WorkbenchException("The retrained network could not be read back: " + e.getMessage(), e);
        }
    }

    private static void fit(Model net, DataSet batch) {
        if (net instanceof ComputationGraph cg) {
            cg.fit(batch);
        } else {
            ((MultiLayerNetwork) net).fit(batch);
        }
    }

    /** Normalised features shaped as the network's input, with one-hot labels or the target column. */
    static DataSet toDataSet(ModelGraph graph, TrainingData data) {
        Dataset rows = data.rows();
        Shape in = graph.inputShape();
        if (rows.numFeatures() != in.size()) {
            throw new WorkbenchException(data.source() + " has " + rows.numFeatures() + " feature columns but the network"
                    + " takes " + in.size() + " inputs");
        }
        INDArray features = Nd4j.create(rows.features());
        data.normalizer().ifPresent(norm -> norm.transform(features));
        INDArray x = in.isImage() ? features.reshape('c', rows.size(), in.channels(), in.height(), in.width())
                : features;
        int outputs = graph.outputNode().outputShape().size();
        INDArray labels;
        if (rows.task() == TaskKind.CLASSIFICATION) {
            if (rows.numClasses() > outputs) {
                throw new WorkbenchException(data.source() + " has " + rows.numClasses() + " classes but the network"
                        + " has " + outputs + " outputs");
            }
            labels = Nd4j.zeros(features.dataType(), rows.size(), outputs);
            for (int i = 0; i < rows.size(); i++) {
                labels.putScalar(i, rows.labels()[i], 1.0);
            }
        } else {
            labels = Nd4j.create(rows.targets(), new long[] {rows.size(), 1}).castTo(features.dataType());
        }
        return new DataSet(x, labels);
    }

    private static Path write(Model net, TrainingData data, String fileName) {
        try {
            Path dir = Files.createTempDirectory("zkml-retrained-");
            Path file = dir.resolve(fileName);
            ModelSerializer.writeModel(net, file.toFile(), false);
            if (data.normalizer().isPresent()) {
                ModelSerializer.addNormalizerToModel(file.toFile(), data.normalizer().get());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the retrained model", e);
        }
    }
}
