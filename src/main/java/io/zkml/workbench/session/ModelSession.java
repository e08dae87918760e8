package io.zkml.workbench.session;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.quant.AutoTuner;
import io.zkml.workbench.quant.Calibrator;
import io.zkml.workbench.quant.ConstraintEstimator;
import io.zkml.workbench.quant.FloatReference;
import io.zkml.workbench.quant.IncrementalEvaluator;
import io.zkml.workbench.quant.ReferenceActivations;
import io.zkml.workbench.quant.ReferenceSource;
import io.zkml.workbench.importer.Dl4jReference;
import io.zkml.workbench.importer.onnx.OnnxRuntimeReference;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One imported model with its dataset, normalised the way the model expects: what the CLI's
 * calibrate/eval/simulate commands and the UI's live panels work on. It keeps the incremental
 * simulator so that changing one layer's spec re-runs only that layer and those below it.
 *
 * <p>The model file, graph and dataset never change, so any thread may read them (the workbench
 * compiles a spec's program on one thread while it evaluates the spec on another). The incremental
 * evaluator is the one mutable part and is not thread-safe: {@link #evaluate}, {@link #simulateDataset},
 * {@link #evaluator} and {@link #autoTune} belong to one thread at a time (the workbench's evaluation thread).
 */
public final class ModelSession {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSession.class);

    private final Path modelFile;
    private final ModelGraph graph;
    private final Optional<Dataset> dataset;
    private final float[][] normalizedFeatures;
    /** Made on first use by the thread that evaluates; never read by the compile path. */
    private IncrementalEvaluator evaluator;

    private ModelSession(Path modelFile, ModelGraph graph, Optional<Dataset> dataset) {
        this.modelFile = modelFile;
        this.graph = graph;
        this.dataset = dataset;
        this.normalizedFeatures = dataset.map(d -> normalize(graph, d.features())).orElse(new float[0][]);
    }

    /**
     * Imports the model and reads the dataset. Without a dataset, a bundled sample's committed
     * test split is used when the model is one of the samples.
     */
    public static ModelSession open(Path model, Path datasetCsv) throws ModelImportException, DatasetException {
        ModelGraph graph = new ModelImporter().importModel(model);
        Optional<SampleInfo> sample = sampleFor(model);
        Path csv = datasetCsv != null ? datasetCsv
                : sample.map(s -> s.testCsvPath(model.toAbsolutePath().getParent())).filter(Files::exists).orElse(null);
        if (csv == null) {
            return new ModelSession(model, graph, Optional.empty());
        }
        List<String> classes = sample.map(SampleInfo::classNames).orElse(List.of());
        Dataset data = classes.isEmpty() ? new CsvDatasetReader().read(csv) : new CsvDatasetReader().read(csv, classes);
        int expected = graph.inputShape().size();
        if (data.numFeatures() != expected) {
            throw new WorkbenchException(csv + " has " + data.numFeatures() + " feature columns but model "
                    + model.getFileName() + " takes " + expected + " inputs; pick the dataset the model was trained on");
        }
        return new ModelSession(model, graph, Optional.of(data));
    }

    /** The bundled sample a model file is, judged by its file name. */
    public static Optional<SampleInfo> sampleFor(Path model) {
        String file = model.getFileName().toString();
        return SampleCatalog.all().stream().filter(s -> s.files().model().equals(file)).findFirst();
    }

    private static float[][] normalize(ModelGraph graph, float[][] raw) {
        if (graph.normalizer().isEmpty()) {
            return raw;
        }
        float[][] out = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            out[i] = graph.normalizer().get().apply(raw[i]);
        }
        return out;
    }

    public Path modelFile() {
        return modelFile;
    }

    /**
     * The same model and dataset read from a copy of the model file (e.g. after "Save model as"):
     * nothing is imported again, so the caller vouches that {@code copy} holds the same bytes.
     */
    public ModelSession relocated(Path copy) {
        return new ModelSession(copy, graph, dataset);
    }

    public ModelGraph graph() {
        return graph;
    }

    public Optional<Dataset> dataset() {
        return dataset;
    }

    /** The dataset's rows after the model's own normalisation: what the network (and the proof) sees. */
    public float[][] normalizedFeatures() {
        return normalizedFeatures.clone();
    }

    /** A raw row (as in the CSV) in the form the network takes. */
    public float[] normalize(float[] rawRow) {
        if (rawRow.length != graph.inputShape().size()) {
            throw new WorkbenchException("model " + graph.name() + " takes " + graph.inputShape().size()
                    + " input values, got " + rawRow.length);
        }
        return graph.normalizer().map(n -> n.apply(rawRow)).orElse(rawRow.clone());
    }

    /** A raw row typed with more digits than float32 holds: normalised in double (see {@code RowValues}). */
    public float[] normalize(double[] rawRow) {
        if (rawRow.length != graph.inputShape().size()) {
            throw new WorkbenchException("model " + graph.name() + " takes " + graph.inputShape().size()
                    + " input values, got " + rawRow.length);
        }
        if (graph.normalizer().isPresent()) {
            return graph.normalizer().get().apply(rawRow);
        }
        float[] out = new float[rawRow.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rawRow[i];
        }
        return out;
    }

    private Dataset requireDataset(String what) {
        return dataset.orElseThrow(() -> new WorkbenchException(what + " needs a dataset: pass --data CSV "
                + "(features first, label or target last, one header row)"));
    }

    /** The calibration default spec, from the dataset's activation ranges. */
    public QuantSpec calibrate() {
        requireDataset("calibration");
        return new Calibrator().propose(graph, normalizedFeatures);
    }

    /**
     * The cheapest spec (by {@code estimator}) that meets {@code target} on this session's dataset,
     * searched from the calibration default.
     */
    public AutoTuner.Result autoTune(AutoTuner.Target target, ConstraintEstimator estimator) {
        return autoTune(target, estimator, () -> false);
    }

    /**
     * As {@link #autoTune(AutoTuner.Target, ConstraintEstimator)}, stopping with a
     * {@link java.util.concurrent.CancellationException} between candidates once {@code cancelled}
     * turns true. Runs on the session's incremental evaluator, so not beside another evaluation.
     */
    public AutoTuner.Result autoTune(AutoTuner.Target target, ConstraintEstimator estimator,
                                     java.util.function.BooleanSupplier cancelled) {
        requireDataset("auto-tune");
        Calibrator.Ranges ranges = new Calibrator().measure(graph, normalizedFeatures);
        return new AutoTuner(graph, ranges, evaluator(), estimator).tune(target, cancelled);
    }

    /** Runs the integer simulation of the whole dataset, reusing unchanged layers of the last run. */
    public SimulationResult simulateDataset(QuantSpec spec) {
        return evaluator().simulate(spec);
    }

    /**
     * Per-layer error and output metrics of a spec on the dataset, against DL4J's own float
     * activations when the model is a DL4J zip (else the float interpreter; the evaluation's
     * {@code reference} says which and why). Only changed layers are re-simulated and re-measured.
     */
    public QuantEvaluation evaluate(QuantSpec spec) {
        return evaluator().evaluate(spec);
    }

    /** The incremental evaluator over this session's dataset, for searches that try many specs. */
    public IncrementalEvaluator evaluator() {
        Dataset d = requireDataset("evaluation");
        if (evaluator == null) {
            float[][] targets = null;
            if (d.task() == TaskKind.REGRESSION) {
                targets = new float[d.size()][];
                for (int i = 0; i < d.size(); i++) {
                    targets[i] = new float[] {(float) d.targets()[i]};
                }
            }
            evaluator = new IncrementalEvaluator(graph, normalizedFeatures,
                    d.task() == TaskKind.CLASSIFICATION ? d.labels() : null, targets, this::reference);
        }
        return evaluator;
    }

    /**
     * DL4J's activations of the prepared graph (ONNX Runtime's for an ONNX model), or the interpreter's
     * when those cannot be had or mapped.
     */
    private ReferenceActivations reference(ModelGraph prepared) {
        String why;
        if (graph.sourceKind() == ModelGraph.SourceKind.DL4J_MULTILAYER
                || graph.sourceKind() == ModelGraph.SourceKind.DL4J_COMPUTATION_GRAPH) {
            try {
                Dl4jReference.Activations a = Dl4jReference.restore(modelFile)
                        .activations(graph, prepared, normalizedFeatures);
                return new ReferenceActivations(a.byNode(), a.predictions(), ReferenceSource.dl4j());
            } catch (ModelImportException | RuntimeException e) {
                why = "DL4J activations could not be mapped to the graph: " + e.getMessage();
                LOG.warn("{}; measuring against the float interpreter instead", why);
            }
        } else if (graph.sourceKind() == ModelGraph.SourceKind.ONNX) {
            try {
                OnnxRuntimeReference.Activations a = OnnxRuntimeReference.restore(modelFile)
                        .activations(graph, prepared, normalizedFeatures);
                return new ReferenceActivations(a.byNode(), a.predictions(), ReferenceSource.onnxRuntime());
            } catch (ModelImportException | RuntimeException | LinkageError e) {
                // LinkageError: ONNX Runtime's native library does not load on this platform.
                why = "ONNX Runtime could not run the model or its values could not be mapped to the graph: "
                        + e.getMessage();
                LOG.warn("{}; measuring against the float interpreter instead", why);
            }
        } else {
            why = graph.sourceKind() + " model: DL4J's Keras import keeps images channels-last, so its activations"
                    + " are not mapped";
        }
        return FloatReference.interpreter(prepared, normalizedFeatures, why);
    }
}
