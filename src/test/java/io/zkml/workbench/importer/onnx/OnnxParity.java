package io.zkml.workbench.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.importer.ModelImporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import onnx.Onnx;

/**
 * Holds the float interpreter on an imported ONNX model to ONNX Runtime, node by node: every graph
 * node's activation on random input rows equals the ONNX value it stands for, within float tolerance.
 */
final class OnnxParity {

    static final int ROWS = 6;
    static final double ABS_TOL = 1e-4;
    static final double REL_TOL = 1e-4;

    private OnnxParity() {
    }

    /** Imports the model (through the one entry point, so detection is exercised) and compares it. */
    static OnnxImport check(Onnx.ModelProto model, Path dir, long... inputDims) throws Exception {
        Path file = dir.resolve("model.onnx");
        java.nio.file.Files.write(file, model.toByteArray());
        OnnxImport imported = new OnnxImporter().importFile(file, "model");
        ModelGraph viaEntry = new ModelImporter().importModel(file);
        assertEquals(imported.graph().nodes().size(), viaEntry.nodes().size(), "ModelImporter detects and reads ONNX");
        assertEquals(ModelGraph.SourceKind.ONNX, viaEntry.sourceKind());

        Random r = new Random(7);
        int per = 1;
        for (long d : inputDims) {
            per *= (int) d;
        }
        float[][] rows = new float[ROWS][per];
        for (float[] row : rows) {
            for (int i = 0; i < per; i++) {
                row[i] = (float) (r.nextGaussian() * 1.5);
            }
        }
        Map<String, float[][]> ort = OrtRun.values(model, rows, inputDims);
        FloatInterpreter fi = new FloatInterpreter(imported.graph());
        int compared = 0;
        for (int s = 0; s < ROWS; s++) {
            float[][] acts = fi.activations(rows[s]);
            for (int k = 0; k < acts.length; k++) {
                Node n = imported.graph().nodes().get(k);
                if (n.op() instanceof LayerOp.Input) {
                    continue;
                }
                String value = imported.onnxValues().get(n.name());
                float[][] expected = ort.get(value);
                assertNotNull(expected, "ONNX Runtime gave no value " + value + " for node " + n.name());
                assertEquals(expected[s].length, acts[k].length, "size of node " + n.name());
                for (int i = 0; i < acts[k].length; i++) {
                    double e = expected[s][i];
                    double a = acts[k][i];
                    assertTrue(Math.abs(a - e) <= ABS_TOL + REL_TOL * Math.abs(e), "node " + n.name() + " (" + value
                            + ") row " + s + " index " + i + ": interpreter " + a + ", ONNX Runtime " + e);
                }
                compared++;
            }
        }
        assertTrue(compared >= ROWS, "compared at least one node");
        return imported;
    }
}
