package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.zkml.workbench.importer.Dl4jZip;
import io.zkml.workbench.importer.ModelImportException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

/** A sample zip restored together with the normaliser it carries, ready to predict on raw features. */
public record LoadedSample(Model model, DataNormalization normalizer) {

    public static LoadedSample load(Path zip, ModelKind kind) throws IOException {
        try {
            Dl4jZip file = Dl4jZip.read(zip);
            Model model = kind == ModelKind.COMPUTATION_GRAPH ? file.computationGraph() : file.multiLayerNetwork();
            if (!(file.normalizer().orElse(null) instanceof DataNormalization normalizer)) {
                throw new IOException(zip + " carries no normaliser");
            }
            return new LoadedSample(model, normalizer);
        } catch (ModelImportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Network output for raw (un-normalised) feature rows: class probabilities or the regression value. */
    public INDArray predict(float[][] rawFeatures) {
        INDArray x = Nd4j.create(rawFeatures);
        normalizer.transform(x);
        return output(model, x);
    }

    /** Accuracy (0..1) for classification, mean absolute error for regression. */
    public double evaluate(Dataset data) {
        INDArray out = predict(data.features());
        return metric(out, data);
    }

    static INDArray output(Model model, INDArray normalisedFeatures) {
        if (model instanceof ComputationGraph graph) {
            return graph.outputSingle(false, normalisedFeatures);
        }
        return ((MultiLayerNetwork) model).output(normalisedFeatures, false);
    }

    static double metric(INDArray out, Dataset data) {
        int n = data.size();
        if (data.task() == TaskKind.CLASSIFICATION) {
            int[] predicted = out.argMax(1).toIntVector();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (predicted[i] == data.labels()[i]) {
                    correct++;
                }
            }
            return (double) correct / n;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(out.getDouble(i, 0) - data.targets()[i]);
        }
        return sum / n;
    }
}
