package io.zkml.workbench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.quant.FloatReference;
import io.zkml.workbench.quant.QuantEvaluation;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.ReferenceActivations;
import io.zkml.workbench.quant.ReferenceSource;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DL4J's activations, mapped to the (folded) graph, agree with the float interpreter node by node;
 * this checks the mapping itself (preprocessor nodes on digits, BatchNorm folding on wine) and that
 * evaluations report DL4J's float accuracy.
 */
class Dl4jReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"iris-mlp", "iris-tiny", "breast-cancer-mlp", "digits-cnn", "diabetes-regression",
        "wine-mlp"})
    void dl4jActivationsMatchTheInterpreterOnEveryNode(String name) throws Exception {
        ModelSession s = Samples.open(name);
        QuantSpec spec = s.calibrate();
        ReferenceActivations dl4j = s.evaluator().reference(spec);
        assertEquals(ReferenceSource.Kind.DL4J, dl4j.source().kind(), dl4j.source().note());
        ModelGraph prepared = QuantizedGraphBuilder.prepare(s.graph(), spec);
        ReferenceActivations interp = FloatReference.interpreter(prepared, s.normalizedFeatures(), "test");
        for (int k = 0; k < prepared.nodes().size(); k++) {
            float[] a = dl4j.node(k), b = interp.node(k);
            assertEquals(b.length, a.length, prepared.nodes().get(k).name());
            double worst = 0, scale = 1e-6;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                scale = Math.max(scale, Math.abs(b[i]));
            }
            assertTrue(worst <= 1e-5 * Math.max(1, scale), prepared.nodes().get(k).name() + ": max diff " + worst);
        }
        QuantEvaluation ev = s.evaluate(spec);
        assertEquals(ReferenceSource.Kind.DL4J, ev.reference().kind());
        SampleInfo info = SampleCatalog.get(name);
        if (info.task() == TaskKind.CLASSIFICATION) {
            // The catalogue's figure is DL4J's own accuracy on the committed test split.
            assertEquals(info.expectedTestMetric(), ev.output().floatAccuracy(), 1e-9);
        }
    }
}
