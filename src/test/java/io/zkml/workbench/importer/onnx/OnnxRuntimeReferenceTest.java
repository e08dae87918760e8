package io.zkml.workbench.importer.onnx;

import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.intsAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.quant.BatchNormFolding;
import io.zkml.workbench.quant.FloatReference;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.ReferenceActivations;
import io.zkml.workbench.quant.ReferenceSource;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime is the float reference of an ONNX model, as DL4J is of a DL4J model: the session's
 * error metrics name it, and its per-node values (BatchNorm folded, softmax as logits) agree with the
 * workbench's interpreter on the same prepared graph.
 */
class OnnxRuntimeReferenceTest {

    @TempDir
    Path dir;

    @Test
    void theOnnxSamplesAreMeasuredAgainstOnnxRuntime() throws Exception {
        for (String name : List.of("iris-onnx", "digits-onnx")) {
            ModelSession session = ModelSession.open(Path.of("sample-models", name + ".onnx"), null);
            QuantEvaluation ev = session.evaluate(session.calibrate());
            assertEquals(ReferenceSource.Kind.ONNX_RUNTIME, ev.reference().kind(), name + ": " + ev.reference().note());
            assertEquals(SampleCatalog.get(name).expectedTestMetric(), ev.output().floatAccuracy(), 1e-9, name);
            assertTrue(ev.overflow().isClean(), name);
        }
    }

    @Test
    void foldedBatchNormAndSoftmaxLogitsMapNodeByNode() throws Exception {
        Path file = new OnnxModelBuilder(21).input("img", 2, 6, 6)
                .weights("K", 0.5f, 3, 2, 3, 3).weights("kb", 0.2f, 3)
                .positive("g", 0.5f, 1.5f, 3).weights("be", 0.3f, 3).weights("m", 0.3f, 3).positive("v", 0.5f, 2f, 3)
                .weights("W", 0.3f, 3 * 2 * 2, 4).weights("b", 0.1f, 4)
                .node("Conv", "conv", List.of("img", "K", "kb"))
                .node("BatchNormalization", "bn", List.of("conv", "g", "be", "m", "v"))
                .node("Relu", "relu", List.of("bn"))
                .node("MaxPool", "pool", List.of("relu"), intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2))
                .node("Flatten", "flat", List.of("pool"))
                .node("Gemm", "fc", List.of("flat", "W", "b"))
                .node("Softmax", "probs", List.of("fc"))
                .output("probs").write(dir, "bn.onnx");
        ModelGraph original = new OnnxImporter().importFile(file, "bn").graph();
        ModelGraph prepared = BatchNormFolding.fold(original);
        assertTrue(prepared.indexOf("bn") < 0, "the BatchNorm is folded away");
        Random r = new Random(3);
        float[][] rows = new float[5][72];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        OnnxRuntimeReference.Activations ort = OnnxRuntimeReference.restore(file).activations(original, prepared, rows);
        ReferenceActivations interpreter = FloatReference.interpreter(prepared, rows, "test");
        for (int k = 0; k < prepared.nodes().size(); k++) {
            float[] a = ort.byNode()[k];
            float[] b = interpreter.node(k);
            assertEquals(b.length, a.length, prepared.nodes().get(k).name());
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-4 + 1e-4 * Math.abs(b[i]), prepared.nodes().get(k).name() + "[" + i + "]");
            }
        }
        int[] expected = new int[rows.length];
        float[] logits = interpreter.node(prepared.indexOf("fc"));
        for (int s = 0; s < rows.length; s++) {
            for (int i = 1; i < 4; i++) {
                if (logits[s * 4 + i] > logits[s * 4 + expected[s]]) {
                    expected[s] = i;
                }
            }
        }
        assertArrayEquals(expected, ort.predictions());
    }
}
