package io.zkml.workbench.importer;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J itself as the float reference: restores the network from its zip and maps its per-layer
 * activations ({@code feedForward(x, false)}) onto the nodes of the workbench graph, so the
 * quantized program is judged against what the user's model really computes, not against our
 * re-implementation of it.
 *
 * <p>Mapping (node names follow the converters' naming): a node named like a DL4J layer or vertex
 * takes its activation; a Flatten/Reshape/Dropout node without a DL4J counterpart (the converters
 * turn preprocessors into such nodes) takes its input's values, which are the same numbers in the
 * same channels-first flat layout; a Dense/Output/Conv2D node that absorbed a BatchNorm in folding
 * takes the activation after that BatchNorm. Softmax nodes are compared as logits, computed with
 * ND4J from the DL4J layer's own parameters and its DL4J input; the predicted classes come from
 * DL4J's softmax output itself.
 */
public final class Dl4jReference {

    /**
     * Per node of the prepared graph, flat {@code [sample * size + i]}, softmax nodes as logits;
     * {@code predictions} is DL4J's predicted class per sample, null for a regressor. Shared arrays.
     */
    public record Activations(float[][] byNode, int[] predictions) {
    }

    private final Path file;
    private final MultiLayerNetwork mln;
    private final ComputationGraph cg;

    private Dl4jReference(Path file, MultiLayerNetwork mln, ComputationGraph cg) {
        this.file = file;
        this.mln = mln;
        this.cg = cg;
    }

    /** Restores a DL4J zip. Keras files are refused: their activations are channels-last and not mapped. */
    public static Dl4jReference restore(Path file) throws ModelImportException {
        ModelKind kind = new ModelKindDetector().detect(file);
        try {
            return switch (kind) {
                case DL4J_MULTILAYER -> new Dl4jReference(file, Dl4jZip.read(file).multiLayerNetwork(), null);
                case DL4J_COMPUTATION_GRAPH -> new Dl4jReference(file, null, Dl4jZip.read(file).computationGraph());
                case KERAS_HDF5 -> throw new ModelImportException(file, "Keras models are not mapped to DL4J's"
                        + " activations (DL4J keeps Keras images channels-last)");
                case ONNX -> throw new ModelImportException(file, "an ONNX model is not a DL4J network");
            };
        } catch (ModelImportException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ModelImportException(file, "DL4J could not restore the model: " + ModelImporter.shortCause(e), e);
        }
    }

    /** DL4J's batch output (softmax probabilities or regression values), {@code [batch, outputs]}. */
    public INDArray output(INDArray x) {
        return mln != null ? mln.output(x, false) : cg.outputSingle(false, x);
    }

    /**
     * DL4J's activations for every node of {@code prepared}.
     *
     * @param original the graph as imported (before folding): tells which BatchNorm each folded node absorbed
     * @param prepared the graph the quantized program is built from
     * @param inputs   normalised rows, flat channels-first
     * @throws ModelImportException when some node has no DL4J counterpart or differs in size or layout
     */
    public Activations activations(ModelGraph original, ModelGraph prepared, float[][] inputs)
            throws ModelImportException {
        int batch = inputs.length;
        INDArray x = toNetworkInput(original.inputShape(), inputs);
        Map<String, INDArray> dl4j = feedForward(x);
        Map<String, String> absorbed = absorbedBatchNorms(original, prepared);
        Map<String, Integer> index = prepared.indexByName();
        float[][] byNode = new float[prepared.nodes().size()][];
        for (int k = 0; k < byNode.length; k++) {
            Node n = prepared.nodes().get(k);
            int size = n.outputShape().size();
            float[] v;
            if (n.op().activation().kind() == Activation.Kind.SOFTMAX) {
                v = logits(n, byNode[index.get(n.inputs().get(0))], batch);
            } else if (dl4j.containsKey(absorbed.getOrDefault(n.name(), n.name()))) {
                v = flat(n, dl4j.get(absorbed.getOrDefault(n.name(), n.name())), batch);
            } else if (isPassThrough(n.op())) {
                v = byNode[index.get(n.inputs().get(0))];
            } else {
                throw new ModelImportException(file, "node " + n.name() + " (" + n.typeName()
                        + ") has no DL4J layer or vertex of the same name");
            }
            if (v.length != batch * size) {
                throw new ModelImportException(file, "node " + n.name() + ": DL4J gives " + v.length / Math.max(1, batch)
                        + " values per sample, the graph expects " + size);
            }
            byNode[k] = v;
        }
        return new Activations(byNode, predictions(prepared, dl4j, batch));
    }

    private static INDArray toNetworkInput(Shape in, float[][] inputs) {
        INDArray x = Nd4j.create(inputs);
        if (in.isImage()) {
            return x.reshape('c', inputs.length, in.channels(), in.height(), in.width());
        }
        return x;
    }

    /**
     * Every layer's activation by name. DL4J's inference applies some activations in place (an
     * ActivationLayer overwrites its input, i.e. the previous layer's returned activation), so one
     * {@code feedForward} can hand back already-activated arrays for earlier layers; each layer is
     * therefore read from a forward pass that stops at it. Quadratic in depth, which is small here.
     */
    private Map<String, INDArray> feedForward(INDArray x) {
        Map<String, INDArray> m = new HashMap<>();
        if (cg != null) {
            // feedForward's stop index counts layers (not vertices); a pass stopping at a layer
            // returns that layer untouched. Inputs and non-layer vertices come from one full pass.
            for (int l = 0; l < cg.getLayers().length; l++) {
                String name = cg.getLayers()[l].conf().getLayer().getLayerName();
                Map<String, INDArray> ff = cg.feedForward(new INDArray[] {x.dup()}, l, false);
                if (ff.containsKey(name)) {
                    m.put(name, ff.get(name).dup());
                }
            }
            cg.feedForward(x.dup(), false).forEach((name, a) -> m.putIfAbsent(name, a.dup()));
            return m;
        }
        MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
        m.put(MultiLayerNetworkConverter.INPUT_NAME, x);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            List<INDArray> ff = mln.feedForwardToLayer(i, x.dup(), false);
            m.put(MultiLayerNetworkConverter.layerName(conf.getConf(i).getLayer(), i), ff.get(i + 1).dup());
        }
        return m;
    }

    /** Folded node name -> the BatchNorm it absorbed (a BN present before folding and gone after). */
    private static Map<String, String> absorbedBatchNorms(ModelGraph original, ModelGraph prepared) {
        Map<String, String> m = new HashMap<>();
        for (Node n : original.nodes()) {
            if (n.op() instanceof LayerOp.BatchNorm && prepared.indexOf(n.name()) < 0) {
                m.put(n.inputs().get(0), n.name());
            }
        }
        return m;
    }

    private static boolean isPassThrough(LayerOp op) {
        return op instanceof LayerOp.Flatten || op instanceof LayerOp.Reshape || op instanceof LayerOp.Dropout;
    }

    /** A DL4J activation as flat rows; refuses any layout other than [batch, n] or [batch, C, H, W]. */
    private float[] flat(Node n, INDArray a, int batch) throws ModelImportException {
        Shape s = n.outputShape();
        long[] expected = s.isImage() ? new long[] {batch, s.channels(), s.height(), s.width()}
                : new long[] {batch, s.size()};
        boolean sameLayout = Arrays.equals(a.shape(), expected)
                || (!s.isImage() && a.length() == (long) batch * s.size() && a.size(0) == batch);
        if (!sameLayout) {
            throw new ModelImportException(file, "node " + n.name() + ": DL4J activation has shape "
                    + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(expected)
                    + " (channels-last activations are not mapped)");
        }
        return Nd4j.toFlattened('c', a).toFloatVector();
    }

    /** Pre-softmax values, from the DL4J layer's parameters and its (already mapped) DL4J input. */
    private float[] logits(Node n, float[] input, int batch) throws ModelImportException {
        if (n.op() instanceof LayerOp.Act) {
            return input;
        }
        if (!(n.op() instanceof LayerOp.Dense || n.op() instanceof LayerOp.Output)) {
            throw new ModelImportException(file, "node " + n.name() + ": softmax on " + n.typeName()
                    + " is not mapped");
        }
        Map<String, INDArray> params = paramTable(n.name());
        INDArray w = params.get("W");
        INDArray b = params.get("b");
        if (w == null) {
            throw new ModelImportException(file, "DL4J layer " + n.name() + " has no weights");
        }
        int nIn = (int) w.size(0);
        INDArray x = Nd4j.create(input, new long[] {batch, nIn}, 'c').castTo(w.dataType());
        INDArray z = x.mmul(w);
        if (b != null) {
            z.addiRowVector(b);
        }
        return Nd4j.toFlattened('c', z).toFloatVector();
    }

    private Map<String, INDArray> paramTable(String name) throws ModelImportException {
        if (cg != null) {
            return cg.getLayer(name).paramTable();
        }
        MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (MultiLayerNetworkConverter.layerName(conf.getConf(i).getLayer(), i).equals(name)) {
                return mln.getLayer(i).paramTable();
            }
        }
        throw new ModelImportException(file, "no DL4J layer named " + name);
    }

    /** DL4J's own predicted class per sample, from its softmax output; null for regressors. */
    private static int[] predictions(ModelGraph prepared, Map<String, INDArray> dl4j, int batch) {
        Node out = prepared.outputNode();
        INDArray probs = dl4j.get(out.name());
        if (out.op().activation().kind() != Activation.Kind.SOFTMAX || probs == null || probs.rank() != 2) {
            return null;
        }
        int[] p = probs.argMax(1).toIntVector();
        return p.length == batch ? p : null;
    }
}
