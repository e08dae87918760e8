package io.zkml.workbench.importer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;

/**
 * Runs an ONNX model in ONNX Runtime with every float value of the graph exposed as an extra output
 * (ONNX Runtime returns only graph outputs), so a test can compare each node's numbers.
 */
final class OrtRun {

    private OrtRun() {
    }

    /** Every named float value (per value: one flat row per sample) for flat input rows, each run alone. */
    static Map<String, float[][]> values(Onnx.ModelProto model, float[][] rows, long[] inputShapeAfterBatch)
            throws OrtException {
        Onnx.GraphProto.Builder g = model.getGraph().toBuilder();
        java.util.Set<String> outs = new java.util.HashSet<>();
        g.getOutputList().forEach(o -> outs.add(o.getName()));
        for (Onnx.NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("ArgMax") || n.getOpType().equals("Constant")) {
                continue;
            }
            String out = n.getOutput(0);
            if (outs.add(out)) {
                g.addOutput(OnnxModelBuilder.valueInfo(out, OnnxTensors.FLOAT, null));
            }
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String inputName = model.getGraph().getInput(0).getName();
        // One row per run (batch 1): how the workbench evaluates a model, and what a Reshape to [1, -1] assumes.
        long[] shape = new long[inputShapeAfterBatch.length + 1];
        shape[0] = 1;
        System.arraycopy(inputShapeAfterBatch, 0, shape, 1, inputShapeAfterBatch.length);
        Map<String, float[][]> result = new HashMap<>();
        try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
            for (int s = 0; s < rows.length; s++) {
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(rows[s]), shape);
                     OrtSession.Result r = session.run(Map.of(inputName, in))) {
                    for (Map.Entry<String, OnnxValue> e : r) {
                        if (e.getValue() instanceof OnnxTensor t && t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                            FloatBuffer fb = t.getFloatBuffer();
                            float[] v = new float[fb.remaining()];
                            fb.get(v);
                            result.computeIfAbsent(e.getKey(), k -> new float[rows.length][])[s] = v;
                        }
                    }
                }
            }
        }
        return result;
    }

}
