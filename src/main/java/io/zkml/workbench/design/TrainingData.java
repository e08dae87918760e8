package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.samples.SampleInfo;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.importer.Dl4jZip;
import io.zkml.workbench.importer.ModelImportException;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a designed network is trained on: raw rows plus the model's own normaliser, which the
 * retrained model keeps so its inputs (and the circuit's input stage) mean the same as before.
 *
 * @param source where the rows came from, for the dialog ("iris-tiny-train.csv")
 */
public record TrainingData(Dataset rows, Optional<DataNormalization> normalizer, String source) {

    /**
     * A bundled sample trains on its committed training split; any other model on the dataset
     * the session opened with, since that is the only labelled data the workbench knows of.
     */
    public static TrainingData forModel(Path modelFile, Optional<Path> sessionDataset) {
        Optional<SampleInfo> sample = ModelSession.sampleFor(modelFile);
        // A sample whose training split is not committed (Fashion-MNIST's 60,000 images) falls back
        // to the session's dataset like any other model.
        Path csv = sample.flatMap(s -> s.trainCsvPath(modelFile.toAbsolutePath().getParent()))
                .filter(Files::isRegularFile)
                .or(() -> sessionDataset)
                .orElseThrow(() -> new WorkbenchException("Retraining needs labelled data: choose a dataset for "
                        + modelFile.getFileName() + " first"));
        List<String> classes = sample.map(SampleInfo::classNames).orElse(List.of());
        try {
            CsvDatasetReader reader = new CsvDatasetReader();
            Dataset rows = classes.isEmpty() ? reader.read(csv) : reader.read(csv, classes);
            return new TrainingData(rows, normalizer(modelFile), csv.getFileName().toString());
        } catch (DatasetException e) {
            throw new WorkbenchException("Could not read the training data " + csv + ": " + e.getMessage(), e);
        }
    }

    private static Optional<DataNormalization> normalizer(Path modelFile) {
        try {
            Normalizer<?> n = Dl4jZip.read(modelFile).normalizer().orElse(null);
            return n instanceof DataNormalization d ? Optional.of(d) : Optional.empty();
        } catch (ModelImportException e) {
            // Keras files carry no normaliser; the retrained model then takes raw inputs as before.
            return Optional.empty();
        }
    }
}
