package io.zkml.workbench.importer;

import io.zkml.workbench.graph.InputNormalizer;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.importer.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Entry point: reads a DL4J MultiLayerNetwork zip, a DL4J ComputationGraph zip, a Keras .h5
 * file or an ONNX model (told apart by content) into the workbench's {@link ModelGraph}. Every failure surfaces as
 * a {@link ModelImportException} naming the file, and the layer when one is to blame.
 */
public final class ModelImporter {

    private static final int MAX_CAUSE_LENGTH = 300;

    private final ModelKindDetector detector = new ModelKindDetector();
    private final MultiLayerNetworkConverter mlnConverter = new MultiLayerNetworkConverter();
    private final ComputationGraphConverter cgConverter = new ComputationGraphConverter();
    private final NormalizerConverter normalizerConverter = new NormalizerConverter();
    private final KerasImporter keras = new KerasImporter();
    private final OnnxImporter onnx = new OnnxImporter();

    public ModelGraph importModel(Path file) throws ModelImportException {
        ModelKind kind = detector.detect(file);
        String name = modelName(file);
        try {
            return switch (kind) {
                case DL4J_MULTILAYER -> {
                    Dl4jZip zip = Dl4jZip.read(file);
                    MultiLayerNetwork net = zip.multiLayerNetwork();
                    FiniteParameters.check(file, net);
                    yield mlnConverter.convert(file, name, ModelGraph.SourceKind.DL4J_MULTILAYER, net,
                            Optional.empty(), normalizer(file, zip));
                }
                case DL4J_COMPUTATION_GRAPH -> {
                    Dl4jZip zip = Dl4jZip.read(file);
                    ComputationGraph cg = zip.computationGraph();
                    FiniteParameters.check(file, cg);
                    yield cgConverter.convert(file, name, ModelGraph.SourceKind.DL4J_COMPUTATION_GRAPH, cg,
                            Map.of(), normalizer(file, zip));
                }
                case KERAS_HDF5 -> keras.importFile(file, name);
                case ONNX -> onnx.importFile(file, name).graph();
            };
        } catch (ModelImportException e) {
            throw e;
        } catch (Exception | LinkageError | AssertionError e) {
            // DL4J reports damaged content with assorted runtime exceptions; the user needs the file and the gist.
            String what = switch (kind) {
                case KERAS_HDF5 -> "DL4J's Keras import";
                case ONNX -> "the ONNX importer";
                default -> "DL4J";
            };
            throw new ModelImportException(file, what + " could not read the model: " + shortCause(e), e);
        }
    }

    private Optional<InputNormalizer> normalizer(Path file, Dl4jZip zip) throws ModelImportException {
        return normalizerConverter.convert(file, zip.normalizer().orElse(null));
    }

    static String modelName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String shortCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : ": " + root.getMessage().strip().replaceAll("\\s+", " ");
        String s = root.getClass().getSimpleName() + msg;
        if (root != e && e.getMessage() != null && !e.getMessage().equals(root.getMessage())) {
            s = e.getClass().getSimpleName() + " (" + s + ")";
        }
        return s.length() > MAX_CAUSE_LENGTH ? s.substring(0, MAX_CAUSE_LENGTH) + "..." : s;
    }
}
