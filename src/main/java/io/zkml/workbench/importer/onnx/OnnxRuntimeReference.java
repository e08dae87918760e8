package io.zkml.workbench.importer.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.importer.ModelImportException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;

/**
 * ONNX Runtime itself as the float reference of an ONNX model, as DL4J is for DL4J models: the file
 * runs in ONNX Runtime with every value a graph node stands for exposed as an output, so the
 * quantized program is judged against what the model file computes, not against the workbench's
 * re-implementation of it.
 *
 * <p>Mapping: a node takes the ONNX value it computes ({@link OnnxImport#onnxValues()}); a node that
 * absorbed a BatchNorm in folding takes the BatchNorm's value; a softmax node takes its logits (the
 * value before the softmax, which the integer program computes). Rows run one at a time (batch 1),
 * as the workbench evaluates them.
 */
public final class OnnxRuntimeReference {

    /**
     * Per node of the prepared graph, flat {@code [sample * size + i]}, softmax nodes as logits;
     * {@code predictions} is ONNX Runtime's predicted class per sample, null for a regressor.
     */
    public record Activations(float[][] byNode, int[] predictions) {
    }

    private final Path file;
    private final Onnx.ModelProto model;
    private final OnnxImport imported;

    private OnnxRuntimeReference(Path file, Onnx.ModelProto model, OnnxImport imported) {
        this.file = file;
        this.model = model;
        this.imported = imported;
    }

    /** Reads the model (within the importer's bounds) and maps it as the importer does. */
    public static OnnxRuntimeReference restore(Path file) throws ModelImportException {
        Onnx.ModelProto model = OnnxModelReader.read(file);
        return new OnnxRuntimeReference(file, model, new OnnxImporter().importModel(file, "reference", model));
    }

    /**
     * ONNX Runtime's values for every node of {@code prepared}.
     *
     * @param original the graph as imported (tells which BatchNorm each folded node absorbed)
     * @param prepared the graph the quantized program is built from
     * @param inputs   normalised rows (an ONNX model has no separate normaliser), flat channels-first
     */
    public Activations activations(ModelGraph original, ModelGraph prepared, float[][] inputs)
            throws ModelImportException {
        Map<String, String> absorbed = new HashMap<>();
        for (Node n : original.nodes()) {
            if (n.op() instanceof LayerOp.BatchNorm && prepared.indexOf(n.name()) < 0) {
                absorbed.put(n.inputs().get(0), n.name());
            }
        }
        String inputName = model.getGraph().getInput(0).getName();
        Map<String, String> valueOf = new HashMap<>();
        for (Node n : prepared.nodes()) {
            String source = absorbed.getOrDefault(n.name(), n.name());
            String value;
            if (n.op() instanceof LayerOp.Input) {
                value = inputName;
            } else if (n.op().activation().kind() == Activation.Kind.SOFTMAX) {
                value = n.op() instanceof LayerOp.Act ? valueOf.get(n.inputs().get(0))
                        : imported.preActivation().get(source);
            } else {
                value = imported.onnxValues().get(source);
            }
            if (value == null) {
                throw new ModelImportException(file, "node " + n.name() + " (" + n.typeName()
                        + ") has no ONNX value to compare with");
            }
            valueOf.put(n.name(), value);
        }
        Map<String, float[]> values = run(new LinkedHashSet<>(valueOf.values()), inputs, prepared);
        float[][] byNode = new float[prepared.nodes().size()][];
        for (int k = 0; k < byNode.length; k++) {
            Node n = prepared.nodes().get(k);
            float[] v = values.get(valueOf.get(n.name()));
            if (v.length != inputs.length * n.outputShape().size()) {
                throw new ModelImportException(file, "node " + n.name() + ": ONNX Runtime gives "
                        + v.length / Math.max(1, inputs.length) + " values per sample, the graph expects "
                        + n.outputShape().size());
            }
            byNode[k] = v;
        }
        return new Activations(byNode, predictions(prepared, byNode, inputs.length));
    }

    /** The named values over all rows, each row run alone. */
    private Map<String, float[]> run(Set<String> names, float[][] inputs, ModelGraph prepared)
            throws ModelImportException {
        Onnx.GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> outputs = new HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        String inputName = model.getGraph().getInput(0).getName();
        for (String name : names) {
            if (!name.equals(inputName) && outputs.add(name)) {
                g.addOutput(Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                        .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(OnnxTensors.FLOAT))));
            }
        }
        int[] dims = prepared.inputShape().dims();
        long[] shape = new long[dims.length + 1];
        shape[0] = 1;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
        }
        Map<String, float[]> out = new HashMap<>();
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                try (OrtSession session = env.createSession(model.toBuilder().setGraph(g).build().toByteArray(), options)) {
                    for (int s = 0; s < inputs.length; s++) {
                        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs[s]), shape);
                             OrtSession.Result r = session.run(Map.of(inputName, in))) {
                            for (Map.Entry<String, OnnxValue> e : r) {
                                if (names.contains(e.getKey()) && e.getValue() instanceof OnnxTensor t
                                        && t.getInfo().type == OnnxJavaType.FLOAT) {
                                    FloatBuffer fb = t.getFloatBuffer();
                                    float[] all = out.computeIfAbsent(e.getKey(), k -> new float[inputs.length * fb.remaining()]);
                                    fb.get(all, s * (all.length / inputs.length), fb.remaining());
                                }
                            }
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new ModelImportException(file, "ONNX Runtime could not run the model: " + e.getMessage(), e);
        }
        if (names.contains(inputName)) {
            int per = inputs.length == 0 ? 0 : inputs[0].length;
            float[] flat = new float[inputs.length * per];
            for (int s = 0; s < inputs.length; s++) {
                System.arraycopy(inputs[s], 0, flat, s * per, per);
            }
            out.put(inputName, flat);
        }
        for (String name : names) {
            if (!out.containsKey(name)) {
                throw new ModelImportException(file, "ONNX Runtime gave no float value '" + name + "'");
            }
        }
        return out;
    }

    /** The argmax of the output node's logits per sample (softmax keeps the order); null for a regressor. */
    private static int[] predictions(ModelGraph prepared, float[][] byNode, int batch) {
        Node out = prepared.outputNode();
        if (out.op().activation().kind() != Activation.Kind.SOFTMAX || batch == 0) {
            return null;
        }
        float[] logits = byNode[prepared.indexOf(out.name())];
        int n = logits.length / batch;
        int[] p = new int[batch];
        for (int s = 0; s < batch; s++) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (logits[s * n + i] > logits[s * n + best]) {
                    best = i;
                }
            }
            p[s] = best;
        }
        return p;
    }
}
